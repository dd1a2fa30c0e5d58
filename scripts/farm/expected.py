#!/usr/bin/env python3
"""Writes samples/mta/expected.tsv (to stdout) for the reports scripts/farm/inside collected.

usage: expected.py FOUND.TSV OUTDIR

FOUND.TSV rows: mta, cause, recipient. recipient, kind and reason come from the cause the scenario
set up as far as the report states it (never from a classifier); status is the code the report
shows for that recipient by the rule README.md documents: the remote server's own enhanced code
where the report quotes a specific one (its detail is not 0: Exim writes Status: 5.0.0 and Sendmail
4.4.7 whatever the remote said), else the report's own Status: field, or, for a report without a
delivery-status part, the first x.y.z code its text states.
"""
import email
import email.policy
import os
import re
import sys

# cause -> (kind, reason)
CAUSES = {
    "userunknown": ("bounce", "userunknown"),
    "userunknown-local": ("bounce", "userunknown"),
    "mailboxfull": ("bounce", "mailboxfull"),
    "emailtoolarge": ("bounce", "emailtoolarge"),
    "norelaying": ("bounce", "norelaying"),
    "hostunknown-nxdomain": ("bounce", "hostunknown"),
    "hostunknown-nomx": ("bounce", "hostunknown"),
    "blocked": ("bounce", "blocked"),
    "expired-greylist": ("bounce", "expired"),
    "failedstarttls": ("bounce", "failedstarttls"),
    "authfailure-spf": ("bounce", "authfailure"),
    "authfailure-dmarc": ("bounce", "authfailure"),
    "contenterror-attachment": ("bounce", "contenterror"),
    "filtered-body": ("bounce", "filtered"),
    "ratelimited": ("bounce", "ratelimited"),
    "expired-refused": ("bounce", "expired"),
    # A delay notice names the cause of the delay: the next hop refuses connections.
    "delay": ("delay", "networkerror"),
    "delivered": ("delivered", "delivered"),
}


# (mta, cause) -> (kind, reason) where the MTA itself treats the cause as a temporary failure and
# its report is the expiry of the queue lifetime: like greylisting until expiry, that is "expired".
#   OpenSMTPD's mail.lmtp maps Dovecot's 552 5.2.2 to a temporary failure; OpenSMTPD and Sendmail
#   retry a domain with neither MX nor A ("No MX found for domain", "host name lookup failure").
# OpenSMTPD 6.8 words its expiry report like a delay notice (Action: delayed, "Envelope expired"),
# but the envelope is gone: the kind is bounce.
# A report that does not state the cause cannot be read for it: Exim's delay warning names none
# (a delay notice naming no cause is "expired", still being retried), and OpenSMTPD's expiry report
# says only "Envelope expired", whatever the remote answered (here a 450 rate limit).
OVERRIDES = {
    ("exim", "delay"): ("delay", "expired"),
    ("opensmtpd", "ratelimited"): ("bounce", "expired"),
    ("opensmtpd", "mailboxfull"): ("bounce", "expired"),
    ("opensmtpd", "hostunknown-nomx"): ("bounce", "expired"),
    ("sendmail", "hostunknown-nomx"): ("bounce", "expired"),
}


def quoted_code(text, generic_status):
    """The remote's code quoted in `text`: the first whose detail is not 0 (a specific one), or,
    where the report's own Status is generic (x.0.0), the first that is not x.0.0 itself."""
    for m in re.finditer(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b", text or ""):
        if m.group(3) != "0" or (generic_status and m.group(2) != "0"):
            return m.group(0)
    return ""


def report_text(msg):
    """The report's first text/plain part: where the reporting MTA quotes the remote's reply."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8", "replace")
    return ""


def status_of(path, rcpt):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        if not blocks:  # unparsed: split the text into blocks
            text = part.get_payload(decode=True).decode("utf-8", "replace")
            blocks = [email.message_from_string(b) for b in re.split(r"\r?\n\r?\n", text) if b.strip()]
        for b in blocks:
            who = (b.get("Final-Recipient", "") + " " + b.get("Original-Recipient", "")).lower()
            if rcpt.lower() in who and b.get("Status"):
                status = b.get("Status").split()[0]
                generic = status.endswith(".0.0")
                quoted = quoted_code(b.get("Diagnostic-Code", ""), generic) or quoted_code(report_text(msg), generic)
                return (quoted, "the remote's quoted code") if quoted else (status, "Status:")
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    m = re.search(r"\b([245]\.\d{1,3}\.\d{1,3})\b", text.split("\n\n", 1)[1] if "\n\n" in text else text)
    return (m.group(1), "text") if m else ("", "none")


def main():
    found, outdir = sys.argv[1:3]
    rows = []
    with open(found) as f:
        for line in f:
            mta, cause, rcpt = line.rstrip("\n").split("\t")
            kind, reason = OVERRIDES.get((mta, cause), CAUSES[cause])
            file = f"{mta}/{cause}.eml"
            status, source = status_of(os.path.join(outdir, file), rcpt)
            if source not in ("Status:", "the remote's quoted code"):
                print(f"expected.py: {file}: no Status: field for {rcpt}; status {status or '(none)'} from the {source}",
                      file=sys.stderr)
            rows.append((file, rcpt, kind, reason, status))
    print("file\trecipient\tkind\treason\tstatus")
    for r in sorted(rows):
        print("\t".join(r))


main()
