# shellcheck shell=bash
# Self-contained, throw-away Dovecot IMAP servers for integration tests and benchmarks.
#
# Source this file, then:
#
#   dir=$(mktemp -d)
#   dovecot_test_start   "$dir"        # (init if needed) write config, CA, users; start; wait for both ports
#   dovecot_test_info    "$dir"        # KEY=VALUE lines: IMAP_PORT IMAPS_PORT CA_FILE OTHER_CA_FILE MAILDIR
#                                      #   MAIL_UID USER PASSWORD OAUTH_USER OAUTH_TOKEN PID LOG
#   dovecot_test_deliver "$dir" FILE…  # copy messages into the INBOX's new/ (owned by the mail uid)
#   dovecot_test_stop    "$dir"        # stop by the PID in run/master.pid, wait until it is gone
#   dovecot_test_restart "$dir"        # stop, start again: same ports, same mail
#
# With DOVECOT_TEST_OAUTH2_URL set at init (the issuer of an OAuth 2.0 server such as
# scripts/oauth-test-server, e.g. http://127.0.0.1:PORT), a third passdb (driver oauth2, mechanisms
# xoauth2 and oauthbearer) validates any other bearer token by RFC 7662 introspection at
# URL/introspect, as the resource server client `dovecot` (HTTP basic auth): the token is good when
# the answer says active=true and its `username` is the login name. Its settings are in
# DIR/dovecot-oauth2.conf.ext. Auth results are never cached (auth_cache_size = 0), so a revoked or
# expired token fails at the next login.
#
# Layout under DIR: dovecot.conf, tls/ (a test CA, a server certificate for localhost, 127.0.0.1 and
# ::1, and an unrelated CA for "unknown CA" tests), users (passwd-file: a password user),
# oauth-users (passwd-file whose password is a static XOAUTH2/OAUTHBEARER token),
# dovecot-oauth2.conf.ext (only with DOVECOT_TEST_OAUTH2_URL), run/ (base_dir;
# run/auth-postfix is an auth socket, mode 0666, for a Postfix test instance's Dovecot SASL),
# mail/Maildir (one Maildir both users log in to), dovecot.log. Nothing outside DIR is written.
# Dovecot listens on 127.0.0.1 only: imap (STARTTLS offered, plain LOGIN allowed for --tls none
# tests) and imaps. Failed logins are not delayed (auth_failure_delay 0, anvil-auth-penalty mode 0)
# and IDLE checks the mailbox every second.
#
# Needs: root (Dovecot drops to the `dovecot`/`dovenull` users and to the mail uid, 5000 by default,
# since it refuses uid 0 for mail), Debian's dovecot-imapd, openssl, python3 (free ports). DIR and
# its parents must be searchable by those users: mktemp -d under /tmp is fine (start makes DIR 0755).
#
# Functions return non-zero with a message on stderr instead of exiting.

: "${DOVECOT_TEST_UID:=5000}"
: "${DOVECOT_TEST_START_TIMEOUT:=20}"
DOVECOT_TEST_USER=events
DOVECOT_TEST_PASSWORD=events-test-password
DOVECOT_TEST_OAUTH_USER=oauth@events.test
DOVECOT_TEST_OAUTH_TOKEN=test-oauth-token-1
# A second XOAUTH2 user whose token is 4 KB, as long as real Microsoft 365 access tokens grow: too
# long for an initial response on one command line (RFC 4954 §4).
DOVECOT_TEST_LONG_OAUTH_USER=oauth-long@events.test
DOVECOT_TEST_LONG_OAUTH_TOKEN=eyJ$(printf '%04093d' 0)

# shellcheck source=test-certificates.sh
. "$(dirname "${BASH_SOURCE[0]}")/test-certificates.sh"

_dt_err() { echo "dovecot-test: $*" >&2; }

_dt_abs() {
    (cd "$1" 2>/dev/null && pwd -P) || { _dt_err "no such directory: $1"; return 1; }
}

_dt_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# _dt_certificates DIR: the test CA, the server's certificate and an unrelated CA in DIR/tls.
_dt_certificates() {
    test_certificates "$1/tls" || { _dt_err "openssl could not make the test certificates in $1/tls"; return 1; }
}

# dovecot_test_init DIR: config, certificates, users, Maildir. Ports are chosen once and kept.
dovecot_test_init() {
    local dir
    dir=$(_dt_abs "$1") || return 1
    case "$dir" in
        *[[:space:]]*) _dt_err "DIR must not contain spaces (Dovecot's passdb args are split on them): $dir"; return 1 ;;
    esac
    chmod 0755 "$dir"
    mkdir -p "$dir/run" "$dir/mail/Maildir/new" "$dir/mail/Maildir/cur" "$dir/mail/Maildir/tmp" "$dir/home" || return 1
    chown -R "$DOVECOT_TEST_UID:$DOVECOT_TEST_UID" "$dir/mail" "$dir/home" || return 1
    [ -f "$dir/tls/server.pem" ] || _dt_certificates "$dir" || return 1
    echo "$DOVECOT_TEST_USER:{PLAIN}$DOVECOT_TEST_PASSWORD" > "$dir/users"
    printf '%s:{PLAIN}%s\n%s:{PLAIN}%s\n' "$DOVECOT_TEST_OAUTH_USER" "$DOVECOT_TEST_OAUTH_TOKEN" \
        "$DOVECOT_TEST_LONG_OAUTH_USER" "$DOVECOT_TEST_LONG_OAUTH_TOKEN" > "$dir/oauth-users"
    chmod 0644 "$dir/users" "$dir/oauth-users"
    local imap_port imaps_port
    if [ -f "$dir/ports" ]; then
        read -r imap_port imaps_port < "$dir/ports"
    else
        imap_port=$(_dt_free_port) && imaps_port=$(_dt_free_port) || { _dt_err "no free port"; return 1; }
        echo "$imap_port $imaps_port" > "$dir/ports"
    fi
    local oauth2_passdb=""
    if [ -n "${DOVECOT_TEST_OAUTH2_URL:-}" ]; then
        _dt_oauth2_config "$dir" "$DOVECOT_TEST_OAUTH2_URL" || return 1
        oauth2_passdb="passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/dovecot-oauth2.conf.ext
}"
    else
        rm -f "$dir/dovecot-oauth2.conf.ext"
    fi
    cat > "$dir/dovecot.conf" <<CONF
# Written by scripts/lib/dovecot-test-server.sh: a throw-away test server, 127.0.0.1 only.
base_dir = $dir/run
state_dir = $dir/run/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
instance_name = mailevents-test-$imaps_port
protocols = imap
listen = 127.0.0.1
default_internal_user = dovecot
default_login_user = dovenull
ssl = yes
ssl_cert = <$dir/tls/server.pem
ssl_key = <$dir/tls/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_cache_size = 0
mail_location = maildir:$dir/mail/Maildir
mail_fsync = never
mailbox_idle_check_interval = 1 secs
first_valid_uid = $DOVECOT_TEST_UID
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
passdb {
  driver = passwd-file
  mechanisms = xoauth2 oauthbearer
  args = scheme=PLAIN username_format=%u $dir/oauth-users
}
$oauth2_passdb
userdb {
  driver = static
  args = uid=$DOVECOT_TEST_UID gid=$DOVECOT_TEST_UID home=$dir/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
# Dovecot SASL for a Postfix test instance (scripts/mail-test-servers): smtpd_sasl_type = dovecot,
# smtpd_sasl_path = $dir/run/auth-postfix. Mode 0666 because Postfix's smtpd runs as \`postfix\`.
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0600
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
}

# _dt_oauth2_config DIR URL: the oauth2 passdb's settings (Dovecot 2.3's db-oauth2). Dovecot's HTTP
# client sends the user:password of the URL as HTTP basic auth. Readable by the auth process, which
# runs as the dovecot user: root:dovecot 0640 (the secret is a test value anyway).
_dt_oauth2_config() {
    local dir="$1" url="${2%/}" hostport
    hostport=${url#http://}
    cat > "$dir/dovecot-oauth2.conf.ext" <<OAUTH2
# Written by scripts/lib/dovecot-test-server.sh: RFC 7662 introspection at $url/introspect.
introspection_url = http://dovecot:dovecot-secret@$hostport/introspect
introspection_mode = post
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
OAUTH2
    chown root:dovecot "$dir/dovecot-oauth2.conf.ext" 2>/dev/null || true
    chmod 0640 "$dir/dovecot-oauth2.conf.ext"
}

_dt_pid() {
    local file="$1/run/master.pid"
    [ -s "$file" ] && cat "$file"
}

_dt_listening() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.settimeout(2)
sys.exit(0 if s.recv(1) else 1)
PY
}

# dovecot_test_start DIR: init if needed, start, wait until imap greets and imaps accepts.
# The ports are picked free at the init and bound only when Dovecot starts, so another test's
# servers (test suites start theirs concurrently) can take one in between: when this call picked
# them and Dovecot does not come up, it picks others, up to three times. Ports kept from an
# earlier start of DIR are not changed.
dovecot_test_start() {
    local dir attempt fresh=no
    dir=$(_dt_abs "$1") || return 1
    [ -f "$dir/ports" ] || fresh=yes
    for attempt in 1 2 3; do
        _dt_start_once "$dir" && return 0
        [ "$fresh" = yes ] && [ "$attempt" -lt 3 ] || return 1
        _dt_err "Dovecot did not start on ports $(cat "$dir/ports" 2>/dev/null) (attempt $attempt): trying other ports"
        dovecot_test_stop "$dir" || return 1
        rm -f "$dir/ports" "$dir/dovecot.conf"
    done
}

# _dt_start_once DIR: one attempt of dovecot_test_start.
_dt_start_once() {
    local dir="$1"
    # (Re)init when there is no config yet, or when an OAuth server is asked for and the config has
    # none (a DIR set up before).
    if [ ! -f "$dir/dovecot.conf" ] || { [ -n "${DOVECOT_TEST_OAUTH2_URL:-}" ] && [ ! -f "$dir/dovecot-oauth2.conf.ext" ]; }; then
        dovecot_test_init "$dir" || return 1
    fi
    if pid=$(_dt_pid "$dir") && kill -0 "$pid" 2>/dev/null; then
        _dt_err "already running in $dir (pid $pid)"; return 1
    fi
    # Neither on our stdout/stderr nor on any other descriptor the caller left open: a caller that
    # reads its pipes to the end would otherwise wait for the daemon's exit.
    # Signal dispositions and mask are reset too: an ignored or blocked SIGTERM inherited from the caller
    # would make the daemons ignore the stop.
    python3 -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE, signal.SIGCHLD):
    signal.signal(number, signal.SIG_DFL)
os.closerange(3, 65536)
os.execvp("dovecot", ["dovecot", "-c", sys.argv[1]])' \
        "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.log" 2>&1 || { _dt_err "dovecot did not start; see $dir/dovecot.log"; return 1; }
    local imap_port imaps_port waited=0
    read -r imap_port imaps_port < "$dir/ports"
    until _dt_listening "$imap_port" 2>/dev/null && python3 -c "import socket; socket.create_connection(('127.0.0.1', $imaps_port), timeout=2)" 2>/dev/null; do
        sleep 0.1
        waited=$((waited + 1))
        if [ "$waited" -ge $((DOVECOT_TEST_START_TIMEOUT * 10)) ]; then
            _dt_err "dovecot is not listening on 127.0.0.1:$imap_port after ${DOVECOT_TEST_START_TIMEOUT}s; log:"
            tail -n 20 "$dir/dovecot.log" >&2
            return 1
        fi
    done
}

dovecot_test_info() {
    local dir imap_port imaps_port
    dir=$(_dt_abs "$1") || return 1
    read -r imap_port imaps_port < "$dir/ports" || return 1
    cat <<INFO
IMAP_PORT=$imap_port
IMAPS_PORT=$imaps_port
CA_FILE=$dir/tls/ca.pem
OTHER_CA_FILE=$dir/tls/other-ca.pem
MAILDIR=$dir/mail/Maildir
MAIL_UID=$DOVECOT_TEST_UID
USER=$DOVECOT_TEST_USER
PASSWORD=$DOVECOT_TEST_PASSWORD
OAUTH_USER=$DOVECOT_TEST_OAUTH_USER
OAUTH_TOKEN=$DOVECOT_TEST_OAUTH_TOKEN
LONG_OAUTH_USER=$DOVECOT_TEST_LONG_OAUTH_USER
LONG_OAUTH_TOKEN=$DOVECOT_TEST_LONG_OAUTH_TOKEN
PID=$(_dt_pid "$dir")
LOG=$dir/dovecot.log
INFO
}

# dovecot_test_stop DIR: SIGTERM to the master by its PID file, wait until it and its children exit.
dovecot_test_stop() {
    local dir pid waited=0
    dir=$(_dt_abs "$1") || return 1
    pid=$(_dt_pid "$dir") || return 0
    kill "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.05
        waited=$((waited + 1))
        if [ "$waited" -ge 200 ]; then
            _dt_err "dovecot (pid $pid) still running after 10 s; killing it"
            kill -9 "$pid" 2>/dev/null
            break
        fi
    done
    rm -f "$dir/run/master.pid"
}

dovecot_test_restart() {
    dovecot_test_stop "$1" && dovecot_test_start "$1"
}

# dovecot_test_deliver DIR FILE…: each file becomes a new message in the INBOX (Maildir delivery:
# written under tmp/, renamed into new/).
dovecot_test_deliver() {
    local dir maildir file name n=0
    dir=$(_dt_abs "$1") || return 1
    shift
    maildir="$dir/mail/Maildir"
    for file in "$@"; do
        n=$((n + 1))
        name="$(date +%s).M$$N${n}R${RANDOM}.events-test"
        cp "$file" "$maildir/tmp/$name" || { _dt_err "cannot copy $file"; return 1; }
        chown "$DOVECOT_TEST_UID:$DOVECOT_TEST_UID" "$maildir/tmp/$name"
        mv "$maildir/tmp/$name" "$maildir/new/$name" || return 1
    done
}
