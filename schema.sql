-- MailEvents schema: the single source of the database layout.
--
-- The file is embedded in the `events` binary (Sources/EventStore/schema.sql is a link to it) and
-- applied by GRDB's DatabaseMigrator. Each `-- migration: NAME` line starts one migration, which runs
-- once per database, in file order, inside a transaction. Migrations are append-only: once a
-- migration has shipped it is never edited (Tests/EventStoreTests/MigrationTests.swift pins each
-- shipped migration's SHA-256); a change to the layout is a new migration appended at the end.
--
-- Times are UTC text 'YYYY-MM-DD HH:MM:SS.SSS' (GRDB's date format), which sorts as time.
-- Foreign keys are enforced: GRDB turns them on for every connection.

-- migration: 1 ledger, events, cursors

-- One row per message taken in, whatever it turned out to be. The raw bytes are kept so nothing
-- is lost and stored messages can be re-classified after a parser upgrade (`events reparse`);
-- `events prune` sets them to NULL after a while, keeping the row and its events.
CREATE TABLE ledger (
    id              INTEGER PRIMARY KEY,
    source_kind     TEXT    NOT NULL CHECK (source_kind IN ('maildir', 'imap', 'stdin', 'file')),
    source_ref      TEXT    NOT NULL,          -- Maildir file name; IMAP account/folder/UIDVALIDITY/UID; stdin position
    message_id      TEXT,                      -- the message's own Message-ID, without angle brackets
    sha256          BLOB    NOT NULL UNIQUE CHECK (length(sha256) = 32), -- of the raw bytes: never stored twice
    size            INTEGER NOT NULL,          -- of the raw bytes, also after pruning
    received_at     TEXT    NOT NULL,          -- when it was taken in
    parser_version  TEXT    NOT NULL,          -- the `events` version that classified it (last)
    outcome         TEXT    NOT NULL CHECK (outcome IN ('classified', 'unrecognized')),
    pruned_at       TEXT,                      -- when the raw bytes were dropped
    raw             BLOB                       -- last, so reading the other columns skips it; NULL once pruned
);

CREATE INDEX ledger_received ON ledger (received_at);

-- One row per finding: what a report says about one recipient.
CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,
    ledger_id           INTEGER NOT NULL REFERENCES ledger (id) ON DELETE CASCADE,
    kind                TEXT    NOT NULL,      -- bounce | delay | delivered | complaint | auto_reply | ... | unrecognized
    recipient           TEXT    COLLATE NOCASE,
    reason              TEXT    NOT NULL,      -- a name from shared/reference/reasons.md
    hard                INTEGER NOT NULL DEFAULT 0 CHECK (hard IN (0, 1)),
    sender_side         INTEGER NOT NULL DEFAULT 0 CHECK (sender_side IN (0, 1)),
    status              TEXT,                  -- RFC 3463 enhanced status code
    reply_code          INTEGER,               -- SMTP reply code
    action              TEXT,                  -- RFC 3464 Action
    diagnostic          TEXT,                  -- the remote server's own words
    remote_mta          TEXT,
    reporting_mta       TEXT,
    envelope_id         TEXT,                  -- RFC 3461 ENVID
    feedback_type       TEXT,                  -- a complaint's Feedback-Type (RFC 5965): abuse, opt-out, ...
    detector            TEXT    NOT NULL,      -- which detector read the report
    cause               TEXT    NOT NULL DEFAULT '',
    remedy              TEXT    NOT NULL DEFAULT '',
    original_message_id TEXT,                  -- the returned original's headers
    original_subject    TEXT,
    original_from       TEXT,
    original_date       TEXT,
    occurred_at         TEXT    NOT NULL,      -- the report's Date, else when it was taken in
    outgoing_id         INTEGER,               -- the matched outgoing message (filled by the sender)
    match_method        TEXT                   -- how it was matched: tag | envid | message_id | ...
);

-- `events list --failed --since 30d`: a partial index holding only failures, read newest first, so
-- the query touches as many rows as it prints at any table size. Queries must repeat this WHERE
-- clause literally for SQLite to use it (EventStore's `failed()` request does). There is no index on
-- (kind, occurred_at): without statistics SQLite would prefer it for `kind IN (…)` and then sort
-- every failure of the period (Tests/EventStoreTests checks the plan).
CREATE INDEX events_failed_time ON events (occurred_at) WHERE kind IN ('bounce', 'submission_error');
-- Every other listing is newest first within a period, optionally for one reason or recipient.
CREATE INDEX events_time ON events (occurred_at);
CREATE INDEX events_reason_time ON events (reason, occurred_at);
CREATE INDEX events_recipient_time ON events (recipient, occurred_at);
CREATE INDEX events_ledger ON events (ledger_id);

-- Incremental sources (IMAP): where the last committed run stopped.
CREATE TABLE cursors (
    source          TEXT    PRIMARY KEY,       -- e.g. imap://user@host/INBOX
    uidvalidity     INTEGER,
    last_uid        INTEGER,
    updated_at      TEXT    NOT NULL
);
