#!/usr/bin/env python3
"""Submit one farm test message over SMTP (used by scripts/farm/inside).

usage: send.py HOST PORT FROM RCPT ENVID NOTIFY MESSAGE-ID SUBJECT VARIANT

VARIANT: plain | dmarc (From: news@brand.test, not the sender's domain) | big (about 60 KB of text) | exe (a multipart message with an .exe attachment)
| phrase (a body line the receiver's body_checks reject).
ENVID goes into MAIL FROM when the server offers DSN, NOTIFY (e.g. FAILURE or DELAY,FAILURE or
SUCCESS) into RCPT TO. Exits non-zero when the server refuses the message.
"""
import email.utils
import smtplib
import sys

host, port, sender, rcpt, envid, notify, msgid, subject, variant = sys.argv[1:10]

# dmarc: the From: address is on brand.test (whose DMARC policy is p=reject), not the sender's domain.
author = "Brand news <news@brand.test>" if variant == "dmarc" else f"MTA farm sender <{sender}>"
headers = (
    f"From: {author}\r\n"
    f"To: <{rcpt}>\r\n"
    f"Subject: {subject}\r\n"
    f"Date: {email.utils.formatdate(localtime=False)}\r\n"
    f"Message-ID: <{msgid}>\r\n"
    "MIME-Version: 1.0\r\n"
)
text = f"This is a test message from scripts/mta-farm.\r\nScenario: {subject}\r\n"
if variant in ("plain", "dmarc"):
    msg = headers + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text
elif variant == "big":
    line = "0123456789 the quick brown fox jumps over the lazy dog 0123456789\r\n"
    msg = headers + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text + line * 900
elif variant == "phrase":
    msg = (headers + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + text
           + "This line carries MTA-FARM-FORBIDDEN-PHRASE, which the receiver's body_checks reject.\r\n")
elif variant == "exe":
    msg = (headers
           + 'Content-Type: multipart/mixed; boundary="farm-boundary"\r\n\r\n'
           + "--farm-boundary\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + text
           + "--farm-boundary\r\n"
           + 'Content-Type: application/octet-stream; name="invoice.exe"\r\n'
           + 'Content-Disposition: attachment; filename="invoice.exe"\r\n'
           + "Content-Transfer-Encoding: base64\r\n\r\n"
           + "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
           + "--farm-boundary--\r\n")
else:
    sys.exit(f"send.py: unknown variant {variant}")

try:
    with smtplib.SMTP(host, int(port), local_hostname="submit.farm.test", timeout=60) as s:
        s.ehlo()
        mail_opts, rcpt_opts = [], []
        if s.has_extn("dsn"):
            mail_opts.append("ENVID=" + envid)
            if notify:
                rcpt_opts.append("NOTIFY=" + notify)
        elif notify == "SUCCESS" or "DELAY" in notify:
            sys.exit(f"send.py: {host}:{port} offers no DSN, cannot ask for NOTIFY={notify}")
        s.sendmail(sender, [rcpt], msg.encode("ascii"), mail_options=mail_opts, rcpt_options=rcpt_opts)
except (smtplib.SMTPException, OSError) as e:
    sys.exit(f"send.py: submission of {msgid} to {host}:{port} failed: {e!r}")
