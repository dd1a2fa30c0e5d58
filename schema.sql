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

-- migration: 2 outgoing mail, SMTP profiles, settings, matched events

-- System settings of the companion sender, by name: mail-sending-user (the user code whose SMTP
-- profile is everyone's base), company-name and event-domain (the event mailbox's address).
CREATE TABLE settings (
    name            TEXT    PRIMARY KEY,
    value           TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

-- One SMTP profile per ERP user code. Secrets are never stored here, only where to get them:
-- 'file:PATH', 'env:NAME' or 'command:COMMAND LINE' (which prints a password or an OAuth2 token).
-- A profile without a server only gives the user's address and, optionally, the user name and
-- secret that override the mail sending user's; it needs the setting mail-sending-user.
CREATE TABLE smtp_profiles (
    user_code       TEXT    PRIMARY KEY COLLATE NOCASE,
    host            TEXT,                          -- NULL: the mail sending user's server
    port            INTEGER CHECK (port BETWEEN 1 AND 65535),
    tls             TEXT    CHECK (tls IN ('none', 'ssl', 'starttls')),
    username        TEXT    NOT NULL DEFAULT '',   -- '' = no AUTH
    auth            TEXT    NOT NULL DEFAULT 'password' CHECK (auth IN ('password', 'oauth2')),
    secret_source   TEXT,                          -- file:… | env:… | command:… ; NULL with no AUTH
    sender_mode     TEXT    NOT NULL DEFAULT 'reply-to' CHECK (sender_mode IN ('own', 'reply-to')),
    address         TEXT    NOT NULL,              -- the user's own address (From in own mode, else Reply-To)
    display_name    TEXT,
    preset          TEXT,                          -- gmail | office365 | zone, as chosen
    updated_at      TEXT    NOT NULL
);

-- Every message `events send` submits, recorded before submission and updated with the final reply.
CREATE TABLE outgoing (
    id              INTEGER PRIMARY KEY,
    tag             TEXT    UNIQUE,                -- the signed tag (set in the same transaction as the row)
    message_id      TEXT,                          -- without angle brackets
    user_code       TEXT    NOT NULL COLLATE NOCASE,
    profile_user    TEXT    NOT NULL,              -- whose server settings were used
    server          TEXT    NOT NULL,              -- host:port and TLS mode
    auth_user       TEXT    NOT NULL DEFAULT '',
    sender_mode     TEXT    NOT NULL CHECK (sender_mode IN ('own', 'reply-to')),
    envelope_from   TEXT    NOT NULL,
    from_address    TEXT    NOT NULL,
    reply_to        TEXT,
    subject         TEXT    NOT NULL,
    size            INTEGER,
    created_at      TEXT    NOT NULL,
    submitted_at    TEXT,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'partial', 'failed')),
    smtp_reply      TEXT                           -- the final SMTP reply, or what went wrong
);

CREATE INDEX outgoing_user_time ON outgoing (user_code, created_at);
CREATE INDEX outgoing_message_id ON outgoing (message_id);

CREATE TABLE outgoing_recipients (
    outgoing_id     INTEGER NOT NULL REFERENCES outgoing (id) ON DELETE CASCADE,
    address         TEXT    NOT NULL COLLATE NOCASE,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    smtp_reply      TEXT,
    PRIMARY KEY (outgoing_id, address)
) WITHOUT ROWID;

-- Events now also come from our own submissions (kind submission_error, no ledger row), and record
-- whether their match to an outgoing message is verified: 1 = the tag's HMAC verified (or our own
-- submission), 0 = a tag that does not verify or names no sent message (a forged or foreign bounce:
-- it never counts as a failure), NULL = nothing to match. SQLite cannot relax NOT NULL in place,
-- so the table is rebuilt with the same ids.
CREATE TABLE events_new (
    id                  INTEGER PRIMARY KEY,
    ledger_id           INTEGER REFERENCES ledger (id) ON DELETE CASCADE,   -- NULL for submission errors
    kind                TEXT    NOT NULL,
    recipient           TEXT    COLLATE NOCASE,
    reason              TEXT    NOT NULL,
    hard                INTEGER NOT NULL DEFAULT 0 CHECK (hard IN (0, 1)),
    sender_side         INTEGER NOT NULL DEFAULT 0 CHECK (sender_side IN (0, 1)),
    status              TEXT,
    reply_code          INTEGER,
    action              TEXT,
    diagnostic          TEXT,
    remote_mta          TEXT,
    reporting_mta       TEXT,
    envelope_id         TEXT,
    feedback_type       TEXT,
    detector            TEXT    NOT NULL,
    cause               TEXT    NOT NULL DEFAULT '',
    remedy              TEXT    NOT NULL DEFAULT '',
    original_message_id TEXT,
    original_subject    TEXT,
    original_from       TEXT,
    original_date       TEXT,
    occurred_at         TEXT    NOT NULL,
    outgoing_id         INTEGER REFERENCES outgoing (id) ON DELETE SET NULL,
    match_method        TEXT,                  -- tag | envid | tag_header | message_id | submission
    verified            INTEGER CHECK (verified IN (0, 1))
);

INSERT INTO events_new (id, ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action,
    diagnostic, remote_mta, reporting_mta, envelope_id, feedback_type, detector, cause, remedy, original_message_id,
    original_subject, original_from, original_date, occurred_at, outgoing_id, match_method)
SELECT id, ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action,
    diagnostic, remote_mta, reporting_mta, envelope_id, feedback_type, detector, cause, remedy, original_message_id,
    original_subject, original_from, original_date, occurred_at, NULL, NULL
FROM events;

DROP TABLE events;
ALTER TABLE events_new RENAME TO events;

-- As before, but an unverified match is never a failure: queries repeat this WHERE clause literally.
CREATE INDEX events_failed_time ON events (occurred_at)
    WHERE kind IN ('bounce', 'submission_error') AND verified IS NOT 0;
CREATE INDEX events_time ON events (occurred_at);
CREATE INDEX events_reason_time ON events (reason, occurred_at);
CREATE INDEX events_recipient_time ON events (recipient, occurred_at);
CREATE INDEX events_ledger ON events (ledger_id);
CREATE INDEX events_outgoing ON events (outgoing_id);

-- migration: 3 the rule that decided each event's reason
-- The reason decision's deciding rule in a few words (`specific phrase "no such user"
-- (reason-phrases.tsv:88)`, `status 5.1.1 (RFC 3463)`, `provider rule #12 (google)`), shown by
-- `events show`; the steps that led to it are printed by `events parse --explain` and
-- `events show --explain`. NULL for events stored before this migration until `events reparse`.
ALTER TABLE events ADD COLUMN rule TEXT;

-- migration: 4 the OAuth client each SMTP profile signs in with
-- Who the profile signs in with when its login is OAuth2 (`events config smtp login USER`):
-- the provider (microsoft, google, or a generic issuer's URL, discovered by RFC 8414), the
-- Microsoft tenant, the app registration's client id, and WHERE its client secret is (file:/env:/
-- command:, never the secret). NULL: the provider's system settings (microsoft-client-id, …) or
-- the preset's. The tokens themselves live in files of mode 0600 beside the signing keys.
ALTER TABLE smtp_profiles ADD COLUMN oauth_provider TEXT;
ALTER TABLE smtp_profiles ADD COLUMN oauth_tenant TEXT;
ALTER TABLE smtp_profiles ADD COLUMN oauth_client_id TEXT;
ALTER TABLE smtp_profiles ADD COLUMN oauth_client_secret TEXT;

-- migration: 5 companies
-- One service for every company of the ERP. Each company has its event address (NAME@event-domain:
-- one domain, one local part per company), its users' SMTP profiles and its mail sending user. A
-- message taken in belongs to the company whose address it was delivered to (Delivered-To,
-- X-Original-To, Envelope-To, then To; the local part before any +tag); NULL: it named no known
-- company, and it is kept and listed as unattributed. Events, sent mail and profiles belong to a
-- company; a tag verifies only for mail the receiving company sent.
--
-- A database made before companies held one company's data: the company named by the setting
-- company-name becomes the first company and gets every existing row and the mail sending user.
-- Without that setting the rows stay without a company, which is how a database with no company
-- configured keeps working (`events config company add` later adopts them into the first company).
-- The event domain and the OAuth app registrations stay global settings.
CREATE TABLE companies (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,   -- the event address's local part
    created_at      TEXT    NOT NULL
);

INSERT INTO companies (name, created_at)
SELECT value, updated_at FROM settings WHERE name = 'company-name' AND value <> '';

-- Deleting a company (`events config company remove NAME --delete-data`) deletes what is its.
ALTER TABLE ledger ADD COLUMN company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE;
-- The event-domain address the message was attributed from, or the first one it was delivered
-- to when that names no company (so an unattributed message says where it went).
ALTER TABLE ledger ADD COLUMN delivered_to TEXT;
ALTER TABLE events ADD COLUMN company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE;
ALTER TABLE outgoing ADD COLUMN company_id INTEGER REFERENCES companies (id) ON DELETE CASCADE;

UPDATE ledger SET company_id = (SELECT id FROM companies);
UPDATE events SET company_id = (SELECT id FROM companies);
UPDATE outgoing SET company_id = (SELECT id FROM companies);

-- A user code is unique within its company (two companies may both have a MARI). NULL company:
-- a database with no company configured. SQLite cannot change a primary key in place, so the
-- table is rebuilt.
CREATE TABLE smtp_profiles_new (
    id                  INTEGER PRIMARY KEY,
    company_id          INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    user_code           TEXT    NOT NULL COLLATE NOCASE,
    host                TEXT,
    port                INTEGER CHECK (port BETWEEN 1 AND 65535),
    tls                 TEXT    CHECK (tls IN ('none', 'ssl', 'starttls')),
    username            TEXT    NOT NULL DEFAULT '',
    auth                TEXT    NOT NULL DEFAULT 'password' CHECK (auth IN ('password', 'oauth2')),
    secret_source       TEXT,
    sender_mode         TEXT    NOT NULL DEFAULT 'reply-to' CHECK (sender_mode IN ('own', 'reply-to')),
    address             TEXT    NOT NULL,
    display_name        TEXT,
    preset              TEXT,
    updated_at          TEXT    NOT NULL,
    oauth_provider      TEXT,
    oauth_tenant        TEXT,
    oauth_client_id     TEXT,
    oauth_client_secret TEXT
);

INSERT INTO smtp_profiles_new (company_id, user_code, host, port, tls, username, auth, secret_source, sender_mode,
    address, display_name, preset, updated_at, oauth_provider, oauth_tenant, oauth_client_id, oauth_client_secret)
SELECT (SELECT id FROM companies), user_code, host, port, tls, username, auth, secret_source, sender_mode,
    address, display_name, preset, updated_at, oauth_provider, oauth_tenant, oauth_client_id, oauth_client_secret
FROM smtp_profiles ORDER BY user_code;

DROP TABLE smtp_profiles;
ALTER TABLE smtp_profiles_new RENAME TO smtp_profiles;
CREATE UNIQUE INDEX smtp_profiles_user ON smtp_profiles (ifnull(company_id, 0), user_code);

-- A company's own settings: mail-sending-user. `settings` keeps the global ones (event-domain,
-- the OAuth app registrations) and, in a database with no company, its mail-sending-user.
CREATE TABLE company_settings (
    company_id      INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (company_id, name)
) WITHOUT ROWID;

INSERT INTO company_settings (company_id, name, value, updated_at)
SELECT companies.id, settings.name, settings.value, settings.updated_at
FROM settings, companies WHERE settings.name = 'mail-sending-user';

DELETE FROM settings WHERE name = 'company-name'
    OR (name = 'mail-sending-user' AND EXISTS (SELECT 1 FROM companies));

-- One company's listings, newest first, without an index of their own: the time indexes carry
-- the company after the time and the id (the listings' order), so `events list --failed --company
-- NAME --since 30d` walks the period's failures in events_failed_time and skips other companies'
-- on the index alone, never reading their rows. An index led by company_id takes an insert at a
-- random place for every event a storing run writes, and every batch's commit then rewrites most
-- of its pages: one such index made ingesting 100,000 messages 15% slower (scripts/bench-ingest),
-- where walking a month's failures of 1,000,000 events costs a few milliseconds.
-- (Removing a company with its data scans the tables for its rows, once.)
DROP INDEX events_failed_time;
CREATE INDEX events_failed_time ON events (occurred_at, id, company_id)
    WHERE kind IN ('bounce', 'submission_error') AND verified IS NOT 0;
DROP INDEX events_time;
CREATE INDEX events_time ON events (occurred_at, id, company_id);
CREATE INDEX outgoing_company_time ON outgoing (company_id, created_at);

-- migration: 6 leases
-- Several ingest workers, on one host or (with PostgreSQL) several, read one IMAP folder one at a
-- time: a worker claims the folder's lease before reading it and renews it after every batch it
-- stores; another worker finds it held and leaves the folder alone. A worker that dies stops
-- renewing, and once `expires_at` has passed the next worker takes the folder over (from the
-- cursor the dead one last committed; anything it stored after that is a duplicate by SHA-256).
CREATE TABLE leases (
    name            TEXT    PRIMARY KEY,       -- what is leased: imap://user@host/FOLDER
    holder          TEXT    NOT NULL,          -- the worker: host, process id and a random part
    expires_at      TEXT    NOT NULL
);

-- migration: 7 the ledger's source check without a temporary index
-- The ledger's CHECK (source_kind IN ('maildir', 'imap', 'stdin', 'file')) made SQLite build a
-- temporary index of the four names for every row a storing run inserted: an IN list of more
-- than two constants is looked up in an ephemeral table, built once per run of the statement,
-- and the insert runs once per message (about 27,000 instructions a message, a twentieth of
-- what `events ingest` spends in its own process: scripts/profile-ingest). The same check
-- written as comparisons costs a few. A CHECK is not part of the stored rows, so it is changed
-- in place, as SQLite's documentation describes for changing a constraint (lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"): the table's definition in sqlite_schema is
-- rewritten, this connection reloads the schema (RESET), and a table made and dropped changes
-- the schema version, so that every other connection reloads it too. Every stored row meets the
-- new check, which accepts exactly what the old one did.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (source_kind IN (''maildir'', ''imap'', ''stdin'', ''file''))',
    'CHECK (source_kind = ''maildir'' OR source_kind = ''imap'' OR source_kind = ''stdin'' OR source_kind = ''file'')')
WHERE type = 'table' AND name = 'ledger';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_reload (x);
DROP TABLE schema_reload;
