# shellcheck shell=bash
# Sourced by scripts/farm/inside: start_opendmarc runs Debian's opendmarc as a milter on
# 127.0.0.4:8893 for the receiver Postfix's dmarc.test smtpd (127.0.0.31). The DMARC scenario's
# message carries a From: address on brand.test ("_dmarc.brand.test" says "v=DMARC1; p=reject")
# while the envelope sender is the sending MTA's own domain: no DKIM signature, SPF (checked by
# opendmarc itself) not aligned with brand.test, so DMARC fails and, with RejectFailures, the
# milter refuses the message after DATA: "550 5.7.1 rejected by DMARC policy for brand.test".

start_opendmarc() {
    local od="$W/opendmarc"
    mkdir -p "$od"
    chmod 0755 "$od"
    echo "192.0.2.255" >"$od/ignore-hosts"   # the default ignores 127.0.0.1; ignore none of ours
    cat >"$od/opendmarc.conf" <<CONF
# scripts/mta-farm: opendmarc for the receiver Postfix's dmarc.test smtpd.
Socket inet:8893@127.0.0.4
Background false
PidFile $od/pid
Syslog false
UserID nobody
AuthservID mx.rx.farm.test
IgnoreHosts $od/ignore-hosts
RejectFailures true
SPFSelfValidate true
SPFIgnoreResults true
FailureReports false
RequiredHeaders false
CONF
    opendmarc -c "$od/opendmarc.conf" >>"$od/log" 2>&1 &
    pids+=($!)
    wait_listen 127.0.0.4 8893
}
