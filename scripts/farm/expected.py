#!/usr/bin/env python3
"""Writes samples/mta/expected.tsv (to stdout) for the reports scripts/farm/inside collected.

usage: expected.py FOUND.TSV OUTDIR

FOUND.TSV rows: mta, cause, recipient. recipient, kind and reason come from the cause the scenario
set up (never from a classifier); status is the RFC 3463 code the report's own Status: field gives
for that recipient, or, for a report without a delivery-status part, the first x.y.z code its
text states about the recipient.
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
OVERRIDES = {
    ("opensmtpd", "mailboxfull"): ("bounce", "expired"),
    ("opensmtpd", "hostunknown-nomx"): ("bounce", "expired"),
    ("sendmail", "hostunknown-nomx"): ("bounce", "expired"),
}


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
                return b.get("Status").split()[0], "Status:"
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
            if source != "Status:":
                print(f"expected.py: {file}: no Status: field for {rcpt}; status {status or '(none)'} from the {source}",
                      file=sys.stderr)
            rows.append((file, rcpt, kind, reason, status))
    print("file\trecipient\tkind\treason\tstatus")
    for r in sorted(rows):
        print("\t".join(r))


main()
