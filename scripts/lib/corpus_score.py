"""Reading a bounce corpus and scoring `events parse` against it: what scripts/corpus-report and
scripts/corpus-holdout share (the same rules as Tests/BounceKitTests/CorpusTests.swift).

A corpus is a folder with expected.tsv (columns file, msgno, recipient, reasons, status, replycode,
action, hardbounce) beside the folders its files are in. An expected row is found when a finding
for that file names the recipient (any recognised finding counts for a placeholder recipient at
@libsisimai.org.invalid, a report naming none); its reason is right when it is one of the row's
`|`-separated names (or the row says `*`); its status is compared unless the expected code's last
part is 900 or more (Sisimai's invented codes).
"""
import collections
import json
import os
import subprocess
import sys

PLACEHOLDER_DOMAIN = "@libsisimai.org.invalid"


def load_rows(corpus):
    """The rows of corpus/expected.tsv, as dicts keyed by its header."""
    with open(os.path.join(corpus, "expected.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


def parse_findings(events, corpus, rows, tool):
    """`events parse` of every folder the rows name: findings by file path relative to corpus."""
    findings = collections.defaultdict(list)
    for top in sorted({r["file"].split("/")[0] for r in rows}):
        out = subprocess.run([events, "parse", os.path.join(corpus, top)], capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"{tool}: events parse failed: {out.stderr.strip()}")
        for line in out.stdout.splitlines():
            o = json.loads(line)
            findings[os.path.relpath(o["source"], corpus)].append(o)
    return findings


def match_for(findings, row):
    """The finding that answers `row`, or None."""
    fs = findings.get(row["file"], [])
    if row["recipient"].endswith(PLACEHOLDER_DOMAIN):
        return fs[0] if fs and fs[0]["kind"] != "unrecognized" else None
    return next((o for o in fs if (o["recipient"] or "").lower() == row["recipient"].lower()), None)


def reason_right(match, row):
    return row["reasons"] == "*" or match["reason"] in row["reasons"].split("|")


def status_scored(row):
    """Whether the row's status is compared (given, and not one of Sisimai's invented codes)."""
    return bool(row["status"]) and int(row["status"].split(".")[2]) < 900


def pct(a, b, width=0):
    return f"{100.0 * a / b:{width}.1f}%" if b else "n/a".rjust(width + 1)
