-- MailEvents schema: the single source of the database layout.
-- DRAFT: `events parse` stores nothing yet; the event store issue embeds this file in the binary and
-- applies it through append-only GRDB migrations. Until it ships, this draft may change.

PRAGMA foreign_keys = ON;

-- One row per message taken in, whatever it turned out to be. The raw bytes are kept so nothing
-- is lost and stored messages can be re-classified after a parser upgrade.
CREATE TABLE ledger (
    id              INTEGER PRIMARY KEY,
    source_kind     TEXT    NOT NULL CHECK (source_kind IN ('maildir', 'imap', 'stdin', 'file')),
    source_ref      TEXT    NOT NULL,          -- Maildir file name, IMAP account/folder/UIDVALIDITY/UID, ...
    message_id      TEXT,
    sha256          BLOB    NOT NULL UNIQUE,   -- of the raw bytes: the same message is never stored twice
    size            INTEGER NOT NULL,
    received_at     TEXT    NOT NULL,          -- ISO 8601, UTC
    parser_version  TEXT    NOT NULL,
    outcome         TEXT    NOT NULL,          -- classified | unrecognized
    raw             BLOB                       -- NULL once pruned
);

-- One row per finding.
CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    ledger_id           INTEGER NOT NULL REFERENCES ledger(id) ON DELETE CASCADE,
    kind                TEXT    NOT NULL,      -- bounce | delay | delivered | complaint | auto_reply | ... | unrecognized
    recipient           TEXT,
    reason              TEXT    NOT NULL,
    hard                INTEGER NOT NULL DEFAULT 0,
    sender_side         INTEGER NOT NULL DEFAULT 0,
    status              TEXT,
    reply_code          INTEGER,
    action              TEXT,
    diagnostic          TEXT,
    remote_mta          TEXT,
    reporting_mta       TEXT,
    envelope_id         TEXT,
    cause               TEXT,
    remedy              TEXT,
    original_message_id TEXT,
    original_subject    TEXT,
    original_from       TEXT,
    original_date       TEXT,
    occurred_at         TEXT    NOT NULL,      -- ISO 8601, UTC
    outgoing_id         INTEGER,               -- the matched outgoing message (sender issue)
    match_method        TEXT                   -- tag | envid | message_id | unverified
);

CREATE INDEX events_kind_time ON events (kind, occurred_at);
CREATE INDEX events_recipient ON events (recipient);

-- Incremental sources: where the last committed run stopped.
CREATE TABLE cursors (
    source          TEXT PRIMARY KEY,          -- e.g. imap://user@host/INBOX
    uidvalidity     INTEGER,
    last_uid        INTEGER,
    updated_at      TEXT NOT NULL
);
