# shellcheck shell=bash
# A throw-away PostgreSQL 15 for integration tests and benchmarks: its own cluster in DIR, made by
# initdb as a non-root user, listening on 127.0.0.1 at a port of its own, its Unix socket in DIR/run.
#
# Source this file, then:
#
#   postgres_test_start "$dir"   # initdb on first use, start, wait until it answers; role + database
#   postgres_test_info  "$dir"   # KEY=VALUE lines: POSTGRES_HOST POSTGRES_PORT POSTGRES_USER
#                                #   POSTGRES_PASSWORD_FILE POSTGRES_DATABASE POSTGRES_SOCKET_DIR
#                                #   POSTGRES_URL POSTGRES_PID POSTGRES_LOG
#   postgres_test_psql  "$dir" SQL   # run SQL as the cluster's superuser over the Unix socket
#   postgres_test_stop  "$dir"   # fast shutdown (SIGINT) by the postmaster's PID, wait until gone
#
# Layout under DIR: data/ (the cluster, owned by the server's user), run/ (its socket), port,
# password (the test role's, mode 0600), postgres.pid, postgres.log. Clients on 127.0.0.1 sign in
# with SCRAM-SHA-256 as role `events` (database `events`); the Unix socket trusts the superuser
# `postgres`, for the script itself. Nothing under /etc is read or written.
#
# With POSTGRES_TEST_TLS=1 at the first start, the server also takes TLS (ssl=on) with a certificate
# for localhost, 127.0.0.1 and ::1 signed by a test CA made in DIR/tls (scripts/lib/test-certificates.sh);
# info then prints POSTGRES_CA_FILE and POSTGRES_OTHER_CA_FILE (an unrelated CA).
#
# As root, the server runs as POSTGRES_TEST_OS_USER (default nobody): PostgreSQL refuses to run as
# root. POSTGRES_TEST_BIN: the server's binaries (default /usr/lib/postgresql/15/bin, Debian's
# postgresql-15). Functions return non-zero with a message on stderr instead of exiting.

: "${POSTGRES_TEST_BIN:=/usr/lib/postgresql/15/bin}"
: "${POSTGRES_TEST_OS_USER:=nobody}"
: "${POSTGRES_TEST_START_TIMEOUT:=30}"
POSTGRES_TEST_ROLE=events
POSTGRES_TEST_DATABASE=events

# shellcheck source=test-certificates.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-certificates.sh"

_pg_err() { echo "postgres-test: $*" >&2; }

_pg_abs() {
    (cd "$1" 2>/dev/null && pwd -P) || { _pg_err "no such directory: $1"; return 1; }
}

_pg_pid() {
    local file="$1/postgres.pid"
    [ -s "$file" ] && cat "$file"
}

# postgres_test_available: true when the server's binaries are there.
postgres_test_available() {
    [ -x "$POSTGRES_TEST_BIN/initdb" ] && [ -x "$POSTGRES_TEST_BIN/postgres" ]
}

# The user the server runs as: this one, or POSTGRES_TEST_OS_USER when this one is root.
_pg_os_user() {
    if [ "$(id -u)" = 0 ]; then echo "$POSTGRES_TEST_OS_USER"; else id -un; fi
}

# Runs a command as the server's user (root drops to it; anyone else is it already).
_pg_as_server_user() {
    if [ "$(id -u)" = 0 ]; then setpriv --reuid="$POSTGRES_TEST_OS_USER" --regid="$(id -g "$POSTGRES_TEST_OS_USER")" --clear-groups -- "$@"
    else "$@"; fi
}

# _pg_pick_port DIR: a TCP port on 127.0.0.1 that nobody listens on right now, into DIR/port.
_pg_pick_port() {
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
        || { _pg_err "no free port"; return 1; }
    echo "$port" > "$1/port"
}

_pg_init() {
    local dir=$1 user password
    user=$(_pg_os_user)
    _pg_pick_port "$dir" || return 1
    # The test role's password: random, in a file only this user may read (never on a command line).
    (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(24))' > "$dir/password.tmp") \
        && mv "$dir/password.tmp" "$dir/password" || return 1
    mkdir -p "$dir/data" "$dir/run" || return 1
    chmod 0700 "$dir/data" && chown "$user" "$dir/data" "$dir/run" || return 1
    # The server's user must be able to reach DIR (a temp dir under /tmp is fine).
    if [ -n "${POSTGRES_TEST_TLS:-}" ]; then
        test_certificates "$dir/tls" || { _pg_err "openssl could not make the test certificates"; return 1; }
        chown "$user" "$dir/tls/server.key" || return 1
    fi
    _pg_as_server_user "$POSTGRES_TEST_BIN/initdb" --pgdata="$dir/data" --username=postgres --encoding=UTF8 \
        --locale=C --auth-local=trust --auth-host=scram-sha-256 >>"$dir/postgres.log" 2>&1 \
        || { _pg_err "initdb failed; see $dir/postgres.log"; return 1; }
}

# postgres_test_psql DIR SQL...: runs SQL as the superuser over the Unix socket (trust).
postgres_test_psql() {
    local dir
    dir=$(_pg_abs "$1") || return 1
    shift
    psql -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$(cat "$dir/port")" -U postgres -d postgres "$@"
}

_pg_answers() {
    psql -X -q -h "$1/run" -p "$(cat "$1/port")" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1
}

# postgres_test_start DIR: initdb on first use, then start the postmaster detached (no inherited
# descriptors, default signal dispositions, its own session), PID in DIR/postgres.pid; wait until
# it answers; make the role and database once.
# The port is picked free at the init and bound only when the server starts, so another test's
# servers (test suites start theirs concurrently) can take it in between: when this call picked it
# and the server does not come up, it picks another, up to three times. A port kept from an earlier
# start of DIR is not changed.
postgres_test_start() {
    local dir attempt fresh=no
    mkdir -p "$1" || return 1
    dir=$(_pg_abs "$1") || return 1
    [ -f "$dir/data/PG_VERSION" ] || fresh=yes
    for attempt in 1 2 3; do
        _pg_start_once "$dir" && return 0
        # (not when initdb failed: another port would not help)
        [ "$fresh" = yes ] && [ "$attempt" -lt 3 ] && [ -f "$dir/data/PG_VERSION" ] || return 1
        _pg_err "PostgreSQL did not start on port $(cat "$dir/port" 2>/dev/null) (attempt $attempt): trying another port"
        postgres_test_stop "$dir"
        _pg_pick_port "$dir" || return 1
    done
}

# _pg_start_once DIR: one attempt of postgres_test_start.
_pg_start_once() {
    local dir="$1" pid waited=0
    postgres_test_available || { _pg_err "no PostgreSQL in $POSTGRES_TEST_BIN (apt-get install postgresql-15)"; return 1; }
    if pid=$(_pg_pid "$dir") && kill -0 "$pid" 2>/dev/null; then
        _pg_err "already running in $dir (pid $pid)"; return 1
    fi
    [ -f "$dir/data/PG_VERSION" ] || _pg_init "$dir" || return 1
    local uid gid
    uid=$(id -u "$(_pg_os_user)") gid=$(id -g "$(_pg_os_user)")
    python3 -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE, signal.SIGCHLD):
    signal.signal(number, signal.SIG_DFL)
os.closerange(3, 65536)
if os.fork() > 0:
    os._exit(0)
os.setsid()
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % os.getpid())
uid, gid = int(sys.argv[2]), int(sys.argv[3])
if os.getuid() == 0:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
os.execv(sys.argv[4], sys.argv[4:])' \
        "$dir/postgres.pid" "$uid" "$gid" "$POSTGRES_TEST_BIN/postgres" -D "$dir/data" \
        -c port="$(cat "$dir/port")" -c listen_addresses=127.0.0.1 -c unix_socket_directories="$dir/run" \
        -c logging_collector=off $(_pg_tls_options "$dir") \
        </dev/null >>"$dir/postgres.log" 2>&1 || { _pg_err "postgres did not start; see $dir/postgres.log"; return 1; }
    until _pg_answers "$dir"; do
        sleep 0.1
        waited=$((waited + 1))
        pid=$(_pg_pid "$dir")
        if [ "$waited" -ge $((POSTGRES_TEST_START_TIMEOUT * 10)) ] || { [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; }; then
            _pg_err "PostgreSQL does not answer on $dir/run; log:"
            tail -n 20 "$dir/postgres.log" >&2
            return 1
        fi
    done
    # The role and its database, once; psql reads the password from its file (\set with a backquoted
    # cat, given on standard input), so it is never on a command line.
    if [ "$(postgres_test_psql "$dir" -tA -c "SELECT count(*) FROM pg_roles WHERE rolname = '$POSTGRES_TEST_ROLE'")" = 0 ]; then
        postgres_test_psql "$dir" <<SQL >/dev/null || { _pg_err "could not create role $POSTGRES_TEST_ROLE"; return 1; }
\set password \`cat '$dir/password'\`
CREATE ROLE $POSTGRES_TEST_ROLE LOGIN CREATEDB PASSWORD :'password';
SQL
        postgres_test_psql "$dir" -c "CREATE DATABASE $POSTGRES_TEST_DATABASE OWNER $POSTGRES_TEST_ROLE" >/dev/null \
            || { _pg_err "could not create database $POSTGRES_TEST_DATABASE"; return 1; }
    fi
}

# The server options for TLS when DIR/tls holds the certificates.
_pg_tls_options() {
    [ -f "$1/tls/server.pem" ] || return 0
    echo "-c ssl=on -c ssl_cert_file=$1/tls/server.pem -c ssl_key_file=$1/tls/server.key"
}

postgres_test_info() {
    local dir port
    dir=$(_pg_abs "$1") || return 1
    [ -s "$dir/port" ] || { _pg_err "$dir has no PostgreSQL (run start first)"; return 1; }
    port=$(cat "$dir/port")
    cat <<INFO
POSTGRES_HOST=127.0.0.1
POSTGRES_PORT=$port
POSTGRES_USER=$POSTGRES_TEST_ROLE
POSTGRES_PASSWORD_FILE=$dir/password
POSTGRES_DATABASE=$POSTGRES_TEST_DATABASE
POSTGRES_SOCKET_DIR=$dir/run
POSTGRES_URL=postgres://$POSTGRES_TEST_ROLE@127.0.0.1:$port/$POSTGRES_TEST_DATABASE
POSTGRES_PID=$(_pg_pid "$dir")
POSTGRES_LOG=$dir/postgres.log
INFO
    if [ -f "$dir/tls/ca.pem" ]; then
        echo "POSTGRES_CA_FILE=$dir/tls/ca.pem"
        echo "POSTGRES_OTHER_CA_FILE=$dir/tls/other-ca.pem"
    fi
}

# postgres_test_stop DIR: fast shutdown (SIGINT) by DIR/postgres.pid, wait until the postmaster is gone.
postgres_test_stop() {
    local dir pid waited=0
    dir=$(_pg_abs "$1") || return 0
    pid=$(_pg_pid "$dir") || return 0
    kill -INT "$pid" 2>/dev/null || { rm -f "$dir/postgres.pid"; return 0; }
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.05
        waited=$((waited + 1))
        if [ "$waited" -ge 600 ]; then
            _pg_err "PostgreSQL (pid $pid) still running after 30 s; sending SIGQUIT"
            kill -QUIT "$pid" 2>/dev/null
            break
        fi
    done
    rm -f "$dir/postgres.pid"
}
