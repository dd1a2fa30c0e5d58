#!/usr/bin/env python3
"""The floor of the benchmarks (scripts/bench-ingest, scripts/bench-parse): the least a storing run
can do with the same bytes and the same durability as `events ingest`, run as its own process so it
is timed (and its peak RSS taken from os.wait4) like `events`.

usage: scripts/lib/bench_floor.py --db FILE (--maildir DIR | --folder DIR) [--batch-size N]

It creates a fresh SQLite database FILE (any old one and its -wal/-shm removed) in WAL mode with
`PRAGMA synchronous = FULL` and `PRAGMA cache_size = -8192`, as `events` opens its database
(Sources/EventStore/SQLite/SQLiteStore.swift; SQLite's defaults otherwise, among them the automatic
checkpoint at 1,000 WAL pages), with one table

    messages (id INTEGER PRIMARY KEY, sha256 BLOB NOT NULL UNIQUE, size INTEGER NOT NULL, raw BLOB)

(the ledger's SHA-256, size and raw bytes, Sources/EventStore/schema.sql). Then, in transactions of
N messages (default 4,096, as `events ingest --batch-size`), it reads each file, computes the
SHA-256 of its bytes and does `INSERT OR IGNORE` of (sha256, size, raw); with --maildir it reads
DIR/new/ and, only after each transaction's COMMIT (with synchronous = FULL in WAL mode, the log is
synced at the commit), renames that transaction's files from new/NAME to cur/NAME:2,S, as `events`
marks a message processed: a batch is durable before its files are marked. With --folder it reads
every regular file below DIR (recursively, in name order) and renames nothing. Nothing is parsed,
classified or indexed beyond the UNIQUE SHA-256. It prints one summary line.

Importable too: filesystem_of(PATH) names the file system a path lives on (from /proc/self/mounts).
"""
import argparse, hashlib, os, sqlite3, sys


def filesystem_of(path):
    """The type of the file system PATH is on (e.g. ext4, tmpfs), or "unknown"."""
    path = os.path.realpath(path)
    best, kind = "", "unknown"
    try:
        with open("/proc/self/mounts") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = path == point or path.startswith(point.rstrip("/") + "/")
                if inside and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        pass
    return kind


def remove_db(path):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def open_db(path):
    remove_db(path)
    conn = sqlite3.connect(path, isolation_level=None)  # autocommit: BEGIN/COMMIT explicitly
    if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
        sys.exit(f"bench_floor: {path}: could not turn on WAL mode")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -8192")
    conn.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, sha256 BLOB NOT NULL UNIQUE, "
                 "size INTEGER NOT NULL, raw BLOB)")
    return conn


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the database to create (an old one is removed)")
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--maildir", help="store DIR/new/* and move each batch to DIR/cur/NAME:2,S after its commit")
    source.add_argument("--folder", help="store every regular file below DIR, renaming nothing")
    ap.add_argument("--batch-size", type=int, default=4096, help="messages per transaction (default 4096)")
    args = ap.parse_args()
    if args.batch_size < 1:
        sys.exit("bench_floor: --batch-size takes a positive number")

    if args.maildir:
        new, cur = os.path.join(args.maildir, "new"), os.path.join(args.maildir, "cur")
        names = sorted(n for n in os.listdir(new) if not n.startswith("."))
        paths = names  # joined to new/ one at a time: less memory for large Maildirs
    else:
        paths = []
        for dirpath, dirnames, filenames in os.walk(args.folder):
            dirnames.sort()
            paths += [os.path.join(dirpath, n) for n in sorted(filenames)]
        paths = [p for p in paths if os.path.isfile(p) and not os.path.islink(p)]

    conn = open_db(args.db)
    sha256 = hashlib.sha256
    total_bytes = 0

    def rows(batch):
        nonlocal total_bytes
        for path in batch:
            if args.maildir:
                path = f"{new}/{path}"
            with open(path, "rb", buffering=0) as f:
                data = f.readall()
            total_bytes += len(data)
            yield sha256(data).digest(), len(data), data

    stored, batches = 0, 0
    insert = "INSERT OR IGNORE INTO messages (sha256, size, raw) VALUES (?, ?, ?)"
    for start in range(0, len(paths), args.batch_size):
        batch = paths[start:start + args.batch_size]
        conn.execute("BEGIN")
        stored += conn.executemany(insert, rows(batch)).rowcount
        conn.execute("COMMIT")  # synchronous = FULL in WAL mode: the log is synced here
        batches += 1
        if args.maildir:  # only now, the batch being durable, are its files marked processed
            for name in batch:
                os.rename(f"{new}/{name}", f"{cur}/{name}:2,S")
    conn.close()
    print(f"floor: {len(paths)} messages, {stored} stored, {len(paths) - stored} duplicates, "
          f"{total_bytes / 1e6:.1f} MB in {batches} transaction{'' if batches == 1 else 's'} of up to {args.batch_size}"
          + (", moved to cur/" if args.maildir else ""))


if __name__ == "__main__":
    main()
