"""Maildirs for the benchmarks (scripts/bench-ingest, scripts/bench-postgres, scripts/profile-ingest):
the shared corpus (../shared/corpus/maildir) and samples/ repeated, each copy with a unique
Message-ID so no two messages share a SHA-256, optionally each delivered to one of N companies; and
the fresh event database with those companies that an ingest of them is measured into."""
import os, re, sqlite3, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVENT_DOMAIN = "event.data.directo.ee"  # the setting event-domain's default

sources = []
for base in (os.path.join(root, "..", "shared", "corpus", "maildir"), os.path.join(root, "samples")):
    for dirpath, _, names in os.walk(base):
        sources += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".eml")]
if not sources:
    sys.exit("bench: no .eml files found under ../shared/corpus/maildir or samples/")
blobs = [open(p, "rb").read() for p in sources]
message_id = re.compile(rb"^Message-ID:[^\n]*\n", re.IGNORECASE | re.MULTILINE)


def company_name(i):
    return "c%04d" % i


def unique_copy(blob, i, companies=0):
    """The message with its own Message-ID replaced (or added) by a unique one and, with companies,
    a Delivered-To of company i % companies prepended (in the message's own line ending)."""
    header_end = blob.find(b"\n\n")
    head, body = (blob, b"") if header_end < 0 else (blob[:header_end + 1], blob[header_end + 1:])
    line = b"Message-ID: <bench-%d@bench.invalid>\n" % i
    head, n = message_id.subn(lambda _: line, head, count=1)
    head = head if n else line + head
    if companies:
        first_line = blob[:blob.find(b"\n") + 1]
        eol = b"\r\n" if first_line.endswith(b"\r\n") else b"\n"
        head = b"Delivered-To: %s@%s%s" % (company_name(i % companies).encode(), EVENT_DOMAIN.encode(), eol) + head
    return head + body


def make_maildir(path, count, companies=0):
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    total = 0
    for i in range(count):
        data = unique_copy(blobs[i % len(blobs)], i, companies)
        with open(os.path.join(path, "new", f"{1_700_000_000 + i}.M{i}P1.bench"), "wb") as f:
            f.write(data)
        total += len(data)
    return total


def reset_maildir(path):
    """Moves processed messages back from cur/ to new/, as they were delivered."""
    cur = os.path.join(path, "cur")
    for name in os.listdir(cur):
        os.rename(os.path.join(cur, name), os.path.join(path, "new", name.split(":", 1)[0]))


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def create_db(binary, db, empty_maildir, companies, tool):
    """A fresh database made by BINARY (an ingest of an empty Maildir runs the migrations) with,
    if COMPANIES, the companies c0000..: not timed. Returns a note when the companies had to be
    inserted directly; exits, naming TOOL, when the database cannot be made."""
    remove_db(db)
    proc = subprocess.run([binary, "ingest", "--db", db, "--maildir", empty_maildir],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit(f"{tool}: {binary} ingest of an empty Maildir exited with status {proc.returncode}: "
                 f"{proc.stderr.decode(errors='replace')}")
    if not companies:
        return None
    note = None
    proc = subprocess.run([binary, "config", "company", "add", company_name(0), "--db", db],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'companies'").fetchone():
            sys.exit(f"{tool}: {binary} has `config company` but its database {db} has no companies table")
        if proc.returncode != 0:
            note = (f"`events config company add {company_name(0)}` exited with status {proc.returncode} "
                    f"({proc.stderr.decode().strip()}); all companies inserted directly")
        conn.execute("BEGIN")
        conn.executemany("INSERT OR IGNORE INTO companies (name, created_at) "
                         "VALUES (?, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
                         [(company_name(i),) for i in range(companies)])
        conn.execute("COMMIT")
        n = conn.execute("SELECT COUNT(*) FROM companies").fetchone()[0]
        if n != companies:
            sys.exit(f"{tool}: {db} has {n} companies, expected {companies}")
    finally:
        conn.close()
    return note
