# shellcheck shell=bash
# Self-contained, throw-away Postfix instances for sample generation and integration tests.
#
# Source this file, then:
#
#   dir=$(mktemp -d)
#   postfix_test_init  "$dir" [PORT]         # write config + queue/mail dirs (PORT: main smtpd, default: a free one)
#   postfix_test_add_mailbox "$dir" alice@local.test         # virtual Maildir (domain becomes a virtual domain)
#   postfix_test_add_transport "$dir" remote.test 'smtp:[127.0.0.1]:2525'
#   postfix_test_conf  "$dir" delay_warning_time=1s ...      # any main.cf setting
#   postfix_test_add_service "$dir" '127.0.0.1:2526 inet n - n - - smtpd -o ...'   # extra master.cf line
#   postfix_test_start "$dir" [PORT]         # (init if needed) start the master, wait until it listens
#   postfix_test_sendmail "$dir" -f sender@events.test alice@local.test < message
#   postfix_test_smtp_send "$dir" sender@events.test alice@local.test 'ENVID=x' 'NOTIFY=SUCCESS' < message
#   file=$(postfix_test_wait_mail "$dir" sender@events.test 30 'Action: failed' '<msgid@x>')
#   postfix_test_stop  "$dir"                # stop by the PID in queue/pid/master.pid, wait for the process group
#
# Layout under DIR: etc/ (config_directory: main.cf, master.cf, texthash maps), queue/, data/,
# mail/ (virtual_mailbox_base, Maildirs owned by $POSTFIX_TEST_VUID), log/maillog (no syslog).
# Nothing outside DIR is written. The instance listens on 127.0.0.1 only, DNS is off and mail
# for domains without a transport_maps entry is bounced by the error transport, so it can never
# send anything off the machine.
#
# Needs: root (postfix start, the setgid postdrop path with an alternate config directory), the
# Debian packages `postfix` and python3 (free-port lookup). DIR and all its parents must be
# searchable by the `postfix` user and by the virtual uid: mktemp -d under /tmp is fine (init
# makes DIR itself mode 0755).
#
# Functions return non-zero with a message on stderr instead of exiting.

: "${POSTFIX_TEST_VUID:=5000}"
: "${POSTFIX_TEST_VGID:=5000}"
: "${POSTFIX_TEST_HOSTNAME:=mx.events.test}"
: "${POSTFIX_TEST_START_TIMEOUT:=20}"

_pt_err() { echo "postfix-test: $*" >&2; }

# Absolute path of DIR (which must exist).
_pt_abs() {
    (cd "$1" 2>/dev/null && pwd -P) || { _pt_err "no such directory: $1"; return 1; }
}

_pt_postconf_d() { postconf -d -h "$1"; }

# _pt_settle DIR: backdate the config files by 2 s. Postfix re-reads a main.cf or texthash map
# whose mtime is within the last second (in 300 ms steps, until it looks stable), which costs
# ~2 s per postconf/daemon start right after an edit (more when the file system clock runs ahead).
_pt_settle() {
    touch -d "@$(( $(date +%s) - 2 ))" "$1"/etc/* 2>/dev/null || true
}

# postfix_test_free_port: print a TCP port on 127.0.0.1 that nobody listens on right now.
postfix_test_free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

# postfix_test_port DIR: the main smtpd port of the instance.
postfix_test_port() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    cat "$dir/etc/smtpd-port" 2>/dev/null || { _pt_err "$dir is not initialised (no etc/smtpd-port)"; return 1; }
}

# postfix_test_conf DIR name=value...: set main.cf parameters (postconf -e).
postfix_test_conf() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    shift
    postconf -c "$dir/etc" -e "$@" || { _pt_err "postconf -e $* failed"; return 1; }
    _pt_settle "$dir"
}

# postfix_test_postconf DIR args...: run postconf against the instance (e.g. -h maillog_file).
postfix_test_postconf() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    shift
    postconf -c "$dir/etc" "$@"
}

# postfix_test_init DIR [PORT]: write a fresh configuration under DIR (existing config is replaced,
# queue contents are kept). PORT is the main smtpd listener on 127.0.0.1 (default: a free port).
postfix_test_init() {
    local dir port etc daemon_dir command_dir q d
    [ $# -ge 1 ] || { _pt_err "usage: postfix_test_init DIR [PORT]"; return 1; }
    if [ "$(id -u)" != 0 ]; then _pt_err "must run as root (postfix start)"; return 1; fi
    command -v postconf >/dev/null 2>&1 || { _pt_err "postconf not found: apt-get install postfix"; return 1; }
    id postfix >/dev/null 2>&1 || { _pt_err "no 'postfix' user: apt-get install postfix"; return 1; }
    getent group postdrop >/dev/null || { _pt_err "no 'postdrop' group: apt-get install postfix"; return 1; }
    mkdir -p "$1" || return 1
    dir=$(_pt_abs "$1") || return 1
    port=${2:-}
    if [ -z "$port" ]; then port=$(postfix_test_free_port) || { _pt_err "cannot find a free port"; return 1; }; fi
    case $port in *[!0-9]*|'') _pt_err "bad port: $port"; return 1;; esac

    etc="$dir/etc"
    daemon_dir=$(_pt_postconf_d daemon_directory) || return 1
    command_dir=$(_pt_postconf_d command_directory) || return 1

    chmod 0755 "$dir"
    mkdir -p "$etc" "$dir/queue" "$dir/data" "$dir/mail" "$dir/log" || return 1
    chmod 0755 "$etc" "$dir/log"
    chown root:root "$dir/queue" && chmod 0755 "$dir/queue" || return 1
    chown postfix "$dir/data" && chmod 0700 "$dir/data" || return 1
    chown "$POSTFIX_TEST_VUID:$POSTFIX_TEST_VGID" "$dir/mail" && chmod 0755 "$dir/mail" || return 1
    # Queue directories as in $meta_directory/postfix-files, created here so that "postfix start"
    # (post-install create-missing) has nothing to do outside DIR.
    for q in active bounce corrupt defer deferred flush hold incoming private saved trace; do
        mkdir -p "$dir/queue/$q" && chown postfix "$dir/queue/$q" && chmod 0700 "$dir/queue/$q" || return 1
    done
    mkdir -p "$dir/queue/maildrop" "$dir/queue/public" "$dir/queue/pid" || return 1
    chown postfix:postdrop "$dir/queue/maildrop" "$dir/queue/public" || return 1
    chmod 0730 "$dir/queue/maildrop"; chmod 0710 "$dir/queue/public"
    chown root:root "$dir/queue/pid"; chmod 0755 "$dir/queue/pid"

    for d in "$dir" "$dir/queue" "$dir/mail"; do
        if ! runuser -u postfix -- test -x "$d"; then
            _pt_err "user postfix cannot enter $d (a parent directory is not searchable?)"
            return 1
        fi
    done

    echo "$port" >"$etc/smtpd-port"
    : >"$etc/vmailbox"
    : >"$etc/transport"

    cat >"$etc/main.cf" <<EOF
# Throw-away test instance written by scripts/lib/postfix-test-server.sh
compatibility_level = 3.6
config_directory = $etc
queue_directory = $dir/queue
data_directory = $dir/data
command_directory = $command_dir
daemon_directory = $daemon_dir
mail_owner = postfix
setgid_group = postdrop
default_privs = nobody

# Logging to a file under DIR via postlogd (needs the postlog service in master.cf);
# maillog_file must start with one of maillog_file_prefixes.
maillog_file = $dir/log/maillog
maillog_file_prefixes = $dir/log

myhostname = $POSTFIX_TEST_HOSTNAME
mydomain = events.test
myorigin = \$myhostname
mydestination =
relay_domains =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
readme_directory = no
html_directory = no

# No DNS, no outbound mail: only domains listed in transport_maps are relayed (to 127.0.0.1).
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
default_transport = error:5.3.0 outbound mail is disabled in this test instance
transport_maps = texthash:$etc/transport

# Virtual mailbox delivery (Maildirs under DIR/mail).
virtual_mailbox_domains =
virtual_mailbox_maps = texthash:$etc/vmailbox
virtual_mailbox_base = $dir/mail
virtual_uid_maps = static:$POSTFIX_TEST_VUID
virtual_gid_maps = static:$POSTFIX_TEST_VGID
virtual_minimum_uid = 100
EOF

    cat >"$etc/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$port inet n  -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
    _pt_settle "$dir"
}

# postfix_test_running DIR: true when the instance's master is alive.
postfix_test_running() {
    local pid
    pid=$(postfix_test_pid "$1" 2>/dev/null) || return 1
    kill -0 "$pid" 2>/dev/null
}

# postfix_test_pid DIR: the master's PID (from queue/pid/master.pid).
postfix_test_pid() {
    local dir pid
    dir=$(_pt_abs "$1") || return 1
    [ -s "$dir/queue/pid/master.pid" ] || return 1
    pid=$(awk '{ print $1; exit }' "$dir/queue/pid/master.pid")
    case $pid in ''|*[!0-9]*) return 1;; esac
    echo "$pid"
}

# _pt_reload_if_running DIR: maps are texthash (read at process start), so refresh a live instance.
_pt_reload_if_running() {
    if postfix_test_running "$1"; then postfix_test_reload "$1"; fi
}

# postfix_test_add_mailbox DIR ADDRESS: create a virtual Maildir for ADDRESS; its domain is added
# to virtual_mailbox_domains.
postfix_test_add_mailbox() {
    local dir addr user domain domains maildir
    dir=$(_pt_abs "$1") || return 1
    addr=$2
    case $addr in *@*.*) ;; *) _pt_err "bad address: $addr"; return 1;; esac
    user=${addr%@*}; domain=${addr##*@}
    maildir="$dir/mail/$domain/$user"
    if ! grep -q "^$addr " "$dir/etc/vmailbox"; then
        echo "$addr $domain/$user/" >>"$dir/etc/vmailbox"
        _pt_settle "$dir"
    fi
    mkdir -p "$maildir/new" "$maildir/cur" "$maildir/tmp" || return 1
    chown -R "$POSTFIX_TEST_VUID:$POSTFIX_TEST_VGID" "$dir/mail/$domain" || return 1
    domains=$(postconf -c "$dir/etc" -h virtual_mailbox_domains) || return 1
    case " ${domains//,/ } " in
        *" $domain "*) ;;
        *) postfix_test_conf "$dir" "virtual_mailbox_domains=${domains:+$domains, }$domain" || return 1;;
    esac
    _pt_reload_if_running "$dir"
}

# postfix_test_maildir DIR ADDRESS: print the Maildir path of a virtual mailbox.
postfix_test_maildir() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    echo "$dir/mail/${2##*@}/${2%@*}"
}

# postfix_test_add_transport DIR DOMAIN NEXTHOP: e.g. remote.test 'smtp:[127.0.0.1]:2525'.
postfix_test_add_transport() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    [ $# -eq 3 ] || { _pt_err "usage: postfix_test_add_transport DIR DOMAIN NEXTHOP"; return 1; }
    sed -i "/^$2[[:space:]]/d" "$dir/etc/transport"
    echo "$2 $3" >>"$dir/etc/transport"
    _pt_settle "$dir"
    _pt_reload_if_running "$dir"
}

# postfix_test_add_service DIR LINE...: append master.cf lines (an extra smtpd listener, say).
postfix_test_add_service() {
    local dir line
    dir=$(_pt_abs "$1") || return 1
    shift
    for line in "$@"; do echo "$line" >>"$dir/etc/master.cf"; done
    _pt_settle "$dir"
    _pt_reload_if_running "$dir"
}

# _pt_wait_listen PORT TIMEOUT: wait until something accepts TCP connections on 127.0.0.1:PORT.
_pt_wait_listen() {
    python3 - "$1" "$2" <<'EOF'
import socket, sys, time
port, deadline = int(sys.argv[1]), time.time() + float(sys.argv[2])
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
}

# postfix_test_start DIR [PORT]: start the instance (initialising DIR first if it has no
# main.cf) and wait until the main smtpd listener accepts connections.
postfix_test_start() {
    local dir port out
    [ $# -ge 1 ] || { _pt_err "usage: postfix_test_start DIR [PORT]"; return 1; }
    mkdir -p "$1" || return 1
    dir=$(_pt_abs "$1") || return 1
    if [ ! -f "$dir/etc/main.cf" ]; then
        postfix_test_init "$dir" "${2:-}" || return 1
    elif [ -n "${2:-}" ] && [ "$2" != "$(postfix_test_port "$dir")" ]; then
        _pt_err "$dir is already configured for port $(postfix_test_port "$dir"), not $2"
        return 1
    fi
    if postfix_test_running "$dir"; then
        _pt_err "already running (pid $(postfix_test_pid "$dir"))"
        return 1
    fi
    port=$(postfix_test_port "$dir") || return 1
    _pt_settle "$dir"   # also covers maps the caller wrote into DIR/etc
    if ! out=$(postfix -c "$dir/etc" start 2>&1); then
        _pt_err "postfix start failed:"
        printf '%s\n' "$out" >&2
        postfix_test_dump_log "$dir" >&2
        return 1
    fi
    if ! _pt_wait_listen "$port" "$POSTFIX_TEST_START_TIMEOUT"; then
        _pt_err "smtpd is not listening on 127.0.0.1:$port after ${POSTFIX_TEST_START_TIMEOUT}s"
        postfix_test_dump_log "$dir" >&2
        return 1
    fi
}

# postfix_test_reload DIR: make a running instance re-read main.cf/master.cf and its maps.
postfix_test_reload() {
    local dir out
    dir=$(_pt_abs "$1") || return 1
    _pt_settle "$dir"
    out=$(postfix -c "$dir/etc" reload 2>&1) || { _pt_err "postfix reload failed:"; printf '%s\n' "$out" >&2; return 1; }
}

# postfix_test_stop DIR: stop the instance and wait (bounded) until the master's process group
# is gone; falls back to SIGKILL of that group. Quiet and successful when it is not running.
postfix_test_stop() {
    local dir pid
    dir=$(_pt_abs "$1") || return 1
    pid=$(postfix_test_pid "$dir") || return 0
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/queue/pid/master.pid"; return 0; }
    postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 -- "-$pid" 2>/dev/null; then
        _pt_err "postfix (pid $pid) did not stop in time; killing its process group"
        kill -KILL -- "-$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$dir/queue/pid/master.pid"
}

# postfix_test_sendmail DIR ARGS...: Postfix's own sendmail(1) against this instance (stdin = message).
postfix_test_sendmail() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    shift
    sendmail -C "$dir/etc" "$@"
}

# postfix_test_smtp_send DIR FROM RCPT [MAIL_OPTS [RCPT_OPTS]]: submit the message on stdin over
# SMTP to the instance's main smtpd on 127.0.0.1. MAIL_OPTS/RCPT_OPTS are space-separated ESMTP
# parameters, e.g. 'ENVID=abc RET=HDRS' and 'NOTIFY=SUCCESS'. Fails when a recipient is refused.
postfix_test_smtp_send() {
    local port
    [ $# -ge 3 ] || { _pt_err "usage: postfix_test_smtp_send DIR FROM RCPT [MAIL_OPTS [RCPT_OPTS]]"; return 1; }
    port=$(postfix_test_port "$1") || return 1
    python3 -c '
import smtplib, sys
port, sender, rcpt, mail_opts, rcpt_opts = sys.argv[1:6]
msg = sys.stdin.buffer.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
try:
    with smtplib.SMTP("127.0.0.1", int(port), local_hostname="client.events.test", timeout=30) as s:
        s.sendmail(sender, [rcpt], msg, mail_options=mail_opts.split(), rcpt_options=rcpt_opts.split())
except (smtplib.SMTPException, OSError) as e:
    sys.exit("postfix-test: SMTP submission to 127.0.0.1:%s failed: %r" % (port, e))
' "$port" "$2" "$3" "${4:-}" "${5:-}"
}

# postfix_test_queue DIR: print the instance's queue (postqueue -p).
postfix_test_queue() {
    local dir
    dir=$(_pt_abs "$1") || return 1
    postqueue -c "$dir/etc" -p
}

# postfix_test_wait_mail DIR ADDRESS TIMEOUT STRING...: wait up to TIMEOUT seconds for a message
# in ADDRESS's Maildir new/ that contains every STRING (fixed strings); print its path.
postfix_test_wait_mail() {
    local dir addr timeout new deadline f s ok
    dir=$(_pt_abs "$1") || return 1
    addr=$2; timeout=$3; shift 3
    new="$(postfix_test_maildir "$dir" "$addr")/new"
    deadline=$((SECONDS + timeout))
    while :; do
        for f in "$new"/*; do
            [ -f "$f" ] || continue
            ok=1
            for s in "$@"; do grep -qF -- "$s" "$f" || { ok=0; break; }; done
            if [ "$ok" = 1 ]; then echo "$f"; return 0; fi
        done
        [ "$SECONDS" -lt "$deadline" ] || break
        sleep 0.5
    done
    _pt_err "no message for $addr containing [$*] after ${timeout}s"
    return 1
}

# postfix_test_dump_log DIR [LINES]: print the tail of the instance's maillog and its queue.
postfix_test_dump_log() {
    local dir lines
    dir=$(_pt_abs "$1") || return 1
    lines=${2:-80}
    echo "----- $dir/log/maillog (last $lines lines) -----"
    tail -n "$lines" "$dir/log/maillog" 2>/dev/null || echo "(no maillog)"
    if postfix_test_running "$dir"; then
        echo "----- queue -----"
        postfix_test_queue "$dir" 2>&1 || true
    fi
    echo "-----"
}
