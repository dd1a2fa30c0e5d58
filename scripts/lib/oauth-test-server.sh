# shellcheck shell=bash
# A throw-away OAuth 2.0 authorization server (scripts/lib/oauth-test-server.py) for integration tests.
#
# Source this file, then:
#
#   oauth_test_start "$dir"   # start (port chosen once, kept in DIR/port); wait until it answers
#   oauth_test_info  "$dir"   # KEY=VALUE lines: OAUTH_URL OAUTH_PORT OAUTH_CLIENT_ID OAUTH_APP_CLIENT_ID
#                             #   OAUTH_APP_CLIENT_SECRET OAUTH_SIGNIN_USER OAUTH_SIGNIN_PASSWORD
#                             #   OAUTH_SECOND_USER OAUTH_SECOND_PASSWORD OAUTH_LONG_USER
#                             #   OAUTH_LONG_PASSWORD OAUTH_ACCESS_LIFETIME OAUTH_PID OAUTH_LOG
#   oauth_test_stop  "$dir"   # SIGTERM by DIR/oauth.pid, wait until it is gone
#
# Layout under DIR: port, oauth.pid, oauth.log, lifetime (the access token lifetime it was started
# with). Tokens live in the server's memory only: a restart forgets them. Listens on 127.0.0.1 only.
# Environment at start: OAUTH_TEST_ACCESS_LIFETIME (s, default 30), OAUTH_TEST_DEVICE_INTERVAL (s,
# default 1).
#
# Needs Debian's python3-authlib and python3-flask, run with /usr/bin/python3 (OAUTH_TEST_PYTHON).
# Functions return non-zero with a message on stderr instead of exiting.

: "${OAUTH_TEST_PYTHON:=/usr/bin/python3}"
: "${OAUTH_TEST_START_TIMEOUT:=20}"
_OT_APP="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/oauth-test-server.py"
OAUTH_TEST_CLIENT_ID=mailevents-test
OAUTH_TEST_APP_CLIENT_ID=mailevents-app
OAUTH_TEST_APP_CLIENT_SECRET=mailevents-app-secret
OAUTH_TEST_DOVECOT_CLIENT_ID=dovecot
OAUTH_TEST_DOVECOT_CLIENT_SECRET=dovecot-secret
OAUTH_TEST_SIGNIN_USER=signin@events.test
OAUTH_TEST_SIGNIN_PASSWORD=signin-password
OAUTH_TEST_SECOND_USER=second@events.test
OAUTH_TEST_SECOND_PASSWORD=second-password
OAUTH_TEST_LONG_USER=long@events.test
OAUTH_TEST_LONG_PASSWORD=long-password

_ot_err() { echo "oauth-test: $*" >&2; }

# oauth_test_available: true when OAUTH_TEST_PYTHON has authlib and flask (the scripts that start an
# OAuth server beside others go on without it, saying so, when this is false).
oauth_test_available() {
    "$OAUTH_TEST_PYTHON" -c 'import authlib, flask' 2>/dev/null
}

_ot_abs() {
    (cd "$1" 2>/dev/null && pwd -P) || { _ot_err "no such directory: $1"; return 1; }
}

_ot_pid() {
    local file="$1/oauth.pid"
    [ -s "$file" ] && cat "$file"
}

# oauth_test_url DIR: the issuer, http://127.0.0.1:PORT (the port is chosen on first use and kept).
oauth_test_url() {
    local dir port
    dir=$(_ot_abs "$1") || return 1
    if [ ! -s "$dir/port" ]; then
        port=$("$OAUTH_TEST_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
            || { _ot_err "no free port"; return 1; }
        echo "$port" > "$dir/port"
    fi
    echo "http://127.0.0.1:$(cat "$dir/port")"
}

_ot_answers() {
    "$OAUTH_TEST_PYTHON" - "$1" <<'PY'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/.well-known/oauth-authorization-server", timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
PY
}

# oauth_test_start DIR: start detached (no inherited descriptors, default signal dispositions and an
# empty mask), log to DIR/oauth.log, PID in DIR/oauth.pid; wait until the metadata answers.
# The port is picked free on first use and bound only when the server starts, so another test's
# servers (test suites start theirs concurrently) can take it in between: when this call picked it
# and the server does not come up, it picks another, up to three times. A port kept from an earlier
# start of DIR is not changed.
oauth_test_start() {
    local dir attempt fresh=no
    mkdir -p "$1" || return 1
    dir=$(_ot_abs "$1") || return 1
    oauth_test_available \
        || { _ot_err "$OAUTH_TEST_PYTHON lacks authlib or flask (apt-get install python3-authlib python3-flask)"; return 1; }
    [ -s "$dir/port" ] || fresh=yes
    for attempt in 1 2 3; do
        _ot_start_once "$dir" && return 0
        [ "$fresh" = yes ] && [ "$attempt" -lt 3 ] || return 1
        _ot_err "the OAuth server did not start on port $(cat "$dir/port" 2>/dev/null) (attempt $attempt): trying another port"
        oauth_test_stop "$dir"
        rm -f "$dir/port"
    done
}

# _ot_start_once DIR: one attempt of oauth_test_start.
_ot_start_once() {
    local dir="$1" url pid waited=0
    url=$(oauth_test_url "$dir") || return 1
    if pid=$(_ot_pid "$dir") && kill -0 "$pid" 2>/dev/null; then
        _ot_err "already running in $dir (pid $pid)"; return 1
    fi
    # The lifetime: from the environment, else the one this DIR was started with before, else 30 s.
    local lifetime=${OAUTH_TEST_ACCESS_LIFETIME:-$(cat "$dir/lifetime" 2>/dev/null)}
    echo "${lifetime:-30}" > "$dir/lifetime"
    # setsid: its own session, so nothing of the caller's terminal or process group reaches it; the
    # PID written is the server's own (exec).
    OAUTH_TEST_ACCESS_LIFETIME="${lifetime:-30}" "$OAUTH_TEST_PYTHON" -c 'import os, signal, sys
signal.pthread_sigmask(signal.SIG_SETMASK, [])
for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE, signal.SIGCHLD):
    signal.signal(number, signal.SIG_DFL)
os.closerange(3, 65536)
if os.fork() > 0:
    os._exit(0)
os.setsid()
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % os.getpid())
os.execv(sys.argv[2], [sys.argv[2], sys.argv[3], "--port", sys.argv[4]])' \
        "$dir/oauth.pid" "$OAUTH_TEST_PYTHON" "$_OT_APP" "$(cat "$dir/port")" \
        </dev/null >>"$dir/oauth.log" 2>&1 || { _ot_err "the OAuth server did not start; see $dir/oauth.log"; return 1; }
    until _ot_answers "$url" 2>/dev/null; do
        sleep 0.1
        waited=$((waited + 1))
        pid=$(_ot_pid "$dir")
        if [ "$waited" -ge $((OAUTH_TEST_START_TIMEOUT * 10)) ] || { [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; }; then
            _ot_err "the OAuth server does not answer at $url; log:"
            tail -n 20 "$dir/oauth.log" >&2
            return 1
        fi
    done
}

oauth_test_info() {
    local dir
    dir=$(_ot_abs "$1") || return 1
    [ -s "$dir/port" ] || { _ot_err "$dir has no OAuth server (run start first)"; return 1; }
    cat <<INFO
OAUTH_URL=http://127.0.0.1:$(cat "$dir/port")
OAUTH_PORT=$(cat "$dir/port")
OAUTH_CLIENT_ID=$OAUTH_TEST_CLIENT_ID
OAUTH_APP_CLIENT_ID=$OAUTH_TEST_APP_CLIENT_ID
OAUTH_APP_CLIENT_SECRET=$OAUTH_TEST_APP_CLIENT_SECRET
OAUTH_SIGNIN_USER=$OAUTH_TEST_SIGNIN_USER
OAUTH_SIGNIN_PASSWORD=$OAUTH_TEST_SIGNIN_PASSWORD
OAUTH_SECOND_USER=$OAUTH_TEST_SECOND_USER
OAUTH_SECOND_PASSWORD=$OAUTH_TEST_SECOND_PASSWORD
OAUTH_LONG_USER=$OAUTH_TEST_LONG_USER
OAUTH_LONG_PASSWORD=$OAUTH_TEST_LONG_PASSWORD
OAUTH_ACCESS_LIFETIME=$(cat "$dir/lifetime" 2>/dev/null || echo "${OAUTH_TEST_ACCESS_LIFETIME:-30}")
OAUTH_PID=$(_ot_pid "$dir")
OAUTH_LOG=$dir/oauth.log
INFO
}

# oauth_test_stop DIR: SIGTERM by DIR/oauth.pid, wait until the process is gone.
oauth_test_stop() {
    local dir pid waited=0
    dir=$(_ot_abs "$1") || return 0
    pid=$(_ot_pid "$dir") || return 0
    kill "$pid" 2>/dev/null || { rm -f "$dir/oauth.pid"; return 0; }
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.05
        waited=$((waited + 1))
        if [ "$waited" -ge 200 ]; then
            _ot_err "the OAuth server (pid $pid) still running after 10 s; killing it"
            kill -9 "$pid" 2>/dev/null
            break
        fi
    done
    rm -f "$dir/oauth.pid"
}
