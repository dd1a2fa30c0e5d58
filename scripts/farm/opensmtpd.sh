# shellcheck shell=bash
# Sourced by scripts/farm/inside: start_opensmtpd runs the unpacked OpenSMTPD (smtpd -d -f CONF) as
# the sender for opensmtpd.farm.test (127.0.0.14:25; relays from 127.0.0.14).
#   * its queue is the compiled-in /var/spool/smtpd (a private bind mount in the farm), its
#     helpers and chroot come from the read-only overlays inside sets up;
#   * local mail goes to Maildirs under $W/opensmtpd/mail/<user> (sender and alice are system
#     users in the farm's private /etc/passwd);
#   * tls.test is relayed to its MX host as plain SMTP (smtp+notls://), without STARTTLS;
#   * quota.test goes over LMTP to Dovecot on 127.0.0.3:24 (mail.lmtp, rcpt-to; a catch-all
#     virtual table runs the delivery as "farm");
#   * queue ttl 1m and bounce warn-interval 20s let temporary failures expire quickly.

start_opensmtpd() {
    local os="$W/opensmtpd" u
    mkdir -p "$os/mail"
    chmod 0755 "$os"
    for u in sender alice; do mkdir -p "$os/mail/$u"; done
    chown -R "$FARM_UID:$FARM_UID" "$os/mail"
    cat >"$os/smtpd.conf" <<CONF
# scripts/mta-farm: OpenSMTPD as the sender for opensmtpd.farm.test.
queue ttl 1m
bounce warn-interval 20s
smtp max-message-size 50M
listen on 127.0.0.14 port 25 hostname mx.opensmtpd.farm.test
action "local" maildir "$os/mail/%{user.username}/Maildir"
action "quota" lmtp "127.0.0.3:24" rcpt-to virtual { "@" = "farm" }
action "outbound" relay src 127.0.0.14 helo mx.opensmtpd.farm.test
action "notls" relay host smtp+notls://mx.tls.test src 127.0.0.14 helo mx.opensmtpd.farm.test
match from any for domain "opensmtpd.farm.test" action "local"
match from any for domain "quota.test" action "quota"
match from src 127.0.0.0/8 for domain "tls.test" action "notls"
match from src 127.0.0.0/8 for any action "outbound"
CONF
    "$DEB/usr/sbin/smtpd" -n -f "$os/smtpd.conf" >>"$os/log" 2>&1 || { cat "$os/log" >&2; die "smtpd.conf does not parse"; }
    "$DEB/usr/sbin/smtpd" -d -f "$os/smtpd.conf" >>"$os/log" 2>&1 &
    pids+=($!)
    wait_listen 127.0.0.14 25
    inbox[opensmtpd]="$os/mail/sender/Maildir/new"
}
