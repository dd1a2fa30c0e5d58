# shellcheck shell=bash
# Sourced by scripts/farm/inside: start_sendmail writes a sendmail.cf with m4 from Debian's
# sendmail-cf (unpacked under $DEB) and runs the unpacked sendmail as the sender for
# sendmail.farm.test (127.0.0.13:25; outgoing connections from 127.0.0.13).
#   * local mail (sender@, alice@sendmail.farm.test) goes to a small Maildir-writing local mailer
#     ($W/sendmail/deliver) instead of mail.local's compiled-in /var/mail;
#   * quota.test goes over LMTP (mailer flag z, P=[IPC]) to Dovecot on 127.0.0.3:24 by a mailertable;
#   * an access map entry "Try_TLS:mx.tls.test NO" keeps it from using STARTTLS towards tls.test;
#   * Timeout.queuereturn=1m and a queue run every 10 s let temporary failures expire quickly.

start_sendmail() {
    local sm="$W/sendmail" cf="$DEB/usr/share/sendmail/cf" u
    mkdir -p "$sm/queue"
    for u in sender alice; do mkdir -p "$sm/mail/$u/new" "$sm/mail/$u/tmp" "$sm/mail/$u/cur"; done
    chmod 0755 "$sm"
    chmod 0700 "$sm/queue"
    chown -R "$FARM_UID:$FARM_UID" "$sm/mail"

    cat >"$sm/deliver" <<'SCRIPT'
#!/bin/sh
# Sendmail local mailer for the MTA farm: "deliver [-r FROM] USER" delivers stdin into
# @SM@/mail/USER/new (a Maildir).
set -e
for user; do :; done
d="@SM@/mail/$user"
[ -d "$d/new" ] || { echo "no such mailbox: $user" >&2; exit 67; }
f="$(date +%s).$$.$(od -An -N4 -tx4 /dev/urandom | tr -d ' ').farm"
cat >"$d/tmp/$f"
mv "$d/tmp/$f" "$d/new/$f"
SCRIPT
    sed -i "s|@SM@|$sm|g" "$sm/deliver"
    chmod 0755 "$sm/deliver"

    printf 'hosts dns files\naliases files\n' >"$sm/service.switch"
    printf 'postmaster: sender\nMAILER-DAEMON: sender\n' >"$sm/aliases"

    # m4 quoting: ` opens, ' closes. The .mc is written by printf-free heredoc with a quoted
    # delimiter and the paths substituted afterwards with sed.
    cat >"$sm/sendmail.mc" <<'MC'
divert(-1)
# scripts/mta-farm: Sendmail as the sender for sendmail.farm.test.
divert(0)dnl
include(`@CF@/m4/cf.m4')dnl
VERSIONID(`mta-farm')dnl
define(`confDOMAIN_NAME', `mx.sendmail.farm.test')dnl
define(`QUEUE_DIR', `@SM@/queue')dnl
define(`STATUS_FILE', `@SM@/statistics')dnl
define(`confPID_FILE', `@SM@/pid')dnl
define(`ALIAS_FILE', `@SM@/aliases')dnl
define(`confSERVICE_SWITCH_FILE', `@SM@/service.switch')dnl
define(`confHOSTS_FILE', `/etc/hosts')dnl
define(`confDONT_PROBE_INTERFACES', `True')dnl
CLIENT_OPTIONS(`Family=inet, Addr=127.0.0.13')dnl
define(`confTO_QUEUERETURN', `1m')dnl
define(`confTO_QUEUEWARN', `20s')dnl
define(`confTO_CONNECT', `5s')dnl
define(`confMIN_QUEUE_AGE', `0')dnl
define(`confDELIVERY_MODE', `background')dnl
define(`confLOG_LEVEL', `9')dnl
define(`confDONT_BLAME_SENDMAIL', `GroupWritableDirPathSafe,ForwardFileInUnsafeDirPath,MapInUnsafeDirPath,WriteMapToHardLink')dnl
define(`confDEF_USER_ID', `@UID@:@UID@')dnl
define(`confCT_FILE', `')dnl
define(`LOCAL_MAILER_PATH', `@SM@/deliver')dnl
define(`LOCAL_MAILER_ARGS', `deliver $u')dnl
OSTYPE(`gnu')dnl
define(`confEBINDIR', `@DEB@/usr/libexec/sendmail')dnl
FEATURE(`nocanonify')dnl
FEATURE(`accept_unresolvable_domains')dnl
FEATURE(`mailertable', `hash @SM@/mailertable')dnl
FEATURE(`access_db', `hash @SM@/access')dnl
LOCAL_DOMAIN(`sendmail.farm.test')dnl
DAEMON_OPTIONS(`Port=25, Addr=127.0.0.13, Name=MTA')dnl
MAILER(`local')dnl
MAILER(`smtp')dnl
MAILER_DEFINITIONS
Mlmtpq,		P=[IPC], F=lsDFMnqXz9A@/:|m, S=EnvFromSMTP/HdrFromSMTP, R=EnvToSMTP, E=\r\n,
		T=DNS/RFC822/SMTP, A=TCP $h 24
MC
    sed -i -e "s|@CF@|$cf|g" -e "s|@SM@|$sm|g" -e "s|@UID@|$FARM_UID|g" -e "s|@DEB@|$DEB|g" "$sm/sendmail.mc"
    m4 "$sm/sendmail.mc" >"$sm/sendmail.cf" 2>"$sm/m4.err" || { cat "$sm/m4.err" >&2; die "m4 sendmail.mc failed"; }
    echo "quota.test lmtpq:[127.0.0.3]" >"$sm/mailertable.txt"
    "$DEB/usr/libexec/sendmail/makemap" -C "$sm/sendmail.cf" hash "$sm/mailertable" <"$sm/mailertable.txt" ||
        die "makemap mailertable failed"
    # No STARTTLS as a client towards the receiver that requires it (the try_tls ruleset).
    echo "Try_TLS:mx.tls.test NO" >"$sm/access.txt"
    "$DEB/usr/libexec/sendmail/makemap" -C "$sm/sendmail.cf" hash "$sm/access" <"$sm/access.txt" ||
        die "makemap access failed"
    "$DEB/usr/libexec/sendmail/sendmail" -C "$sm/sendmail.cf" -bi >>"$sm/log" 2>&1 || die "sendmail -bi (aliases) failed"
    "$DEB/usr/libexec/sendmail/sendmail" -C "$sm/sendmail.cf" -bD -q10s -L sendmail-farm >>"$sm/log" 2>&1 &
    pids+=($!)
    wait_listen 127.0.0.13 25
    inbox[sendmail]="$sm/mail/sender/new"
}
