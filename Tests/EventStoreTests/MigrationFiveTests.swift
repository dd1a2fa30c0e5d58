import EventStore
import Foundation
import GRDB
import Testing

/// Migration 5 brings companies to a database made for one company: what was stored keeps its
/// ids and belongs to the company of the old `company-name` setting, the mail sending user
/// becomes that company's, and a user code stays unique within a company.
@Suite("Migration 5")
struct MigrationFiveTests {
    /// A database with only migrations 1 and 2 applied (the layout before rules, OAuth and
    /// companies), filled by `fill`.
    static func versionTwoDatabase(_ fill: (Database) throws -> Void) throws -> String {
        let path = NSTemporaryDirectory() + "v2-\(UUID().uuidString).sqlite"
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations.prefix(2) {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(queue)
        try queue.write(fill)
        try queue.close()
        return path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static let oneCompany = """
        INSERT INTO settings (name, value, updated_at) VALUES
            ('company-name', 'acme', '2026-03-01 10:00:00.000'),
            ('mail-sending-user', 'ADMIN', '2026-03-01 10:00:00.000'),
            ('event-domain', 'event.test', '2026-03-01 10:00:00.000');
        INSERT INTO smtp_profiles (user_code, host, port, tls, username, auth, secret_source, sender_mode, address, updated_at)
        VALUES ('ADMIN', 'smtp.acme.test', 587, 'starttls', 'admin@acme.test', 'password', 'env:PW', 'reply-to',
                'admin@acme.test', '2026-03-01 10:00:00.000'),
               ('MARI', NULL, NULL, NULL, '', 'password', NULL, 'reply-to', 'mari@acme.test', '2026-03-01 10:00:00.000');
        INSERT INTO outgoing (id, tag, message_id, user_code, profile_user, server, sender_mode, envelope_from,
                              from_address, subject, created_at, state)
        VALUES (12, 'm12r0.x', 'm12r0.x@event.test', 'MARI', 'ADMIN', 'smtp.acme.test:587 starttls', 'reply-to',
                'acme+m12r0.x@event.test', 'acme@event.test', 'Invoice 42', '2026-03-02 09:00:00.000', 'sent');
        INSERT INTO outgoing_recipients (outgoing_id, address, state) VALUES (12, 'client@example.org', 'accepted');
        INSERT INTO ledger (id, source_kind, source_ref, sha256, size, received_at, parser_version, outcome)
        VALUES (5, 'maildir', 'a', zeroblob(32), 10, '2026-03-03 00:00:00.000', '0.1.0', 'classified');
        INSERT INTO events (id, ledger_id, kind, recipient, reason, detector, occurred_at, outgoing_id, match_method, verified)
        VALUES (41, 5, 'bounce', 'client@example.org', 'userunknown', 'dsn', '2026-03-03 00:00:00.000', 12, 'tag', 1),
               (42, NULL, 'submission_error', 'client@example.org', 'authfailed', 'submission',
                '2026-03-02 09:00:00.000', 12, 'submission', 1);
        """

    @Test func theConfiguredCompanyGetsEverythingStored() throws {
        let path = try Self.versionTwoDatabase { try $0.execute(sql: Self.oneCompany) }
        defer { Self.remove(path) }
        let store = try SQLiteStore(path: path)

        let companies = try store.companies()
        #expect(companies.map(\.name) == ["acme"])
        let acme = try #require(companies.first?.id)
        #expect(companies.first?.createdAt == Date(timeIntervalSince1970: 1_772_359_200)) // 2026-03-01 10:00 UTC

        var events: [Event] = []
        try store.forEachEvent(matching: EventFilter(), limit: nil) { events.append($0) }
        #expect(events.map(\.id) == [41, 42])
        #expect(events.allSatisfy { $0.companyID == acme })
        var acmeFailures: [Int64?] = []
        try store.forEachEvent(matching: EventFilter(failedOnly: true, company: .company(acme)), limit: nil) {
            acmeFailures.append($0.id)
        }
        #expect(acmeFailures == [41, 42])
        #expect(try store.outgoing(id: 12)?.companyID == acme)
        #expect(try store.sentMessage(id: 12) == SentMessage(tag: "m12r0.x", recipients: ["client@example.org"], companyID: acme))
        let detail = try store.eventDetail(id: 41)
        #expect(detail.message?.companyID == acme && detail.company?.name == "acme")

        // The mail sending user is the company's; the company's name is no longer a setting.
        #expect(try store.setting(.mailSendingUser, company: acme) == "ADMIN")
        #expect(try store.setting(.mailSendingUser) == nil)
        #expect(try store.settings().map(\.name) == ["event-domain"])
        #expect(try store.profiles(company: acme).map(\.userCode) == ["ADMIN", "MARI"])
        #expect(try store.profiles().isEmpty)
        #expect(try store.profile(user: "mari", company: acme)?.address == "mari@acme.test")
    }

    @Test func withoutACompanyNameTheRowsWaitForTheFirstCompany() throws {
        let path = try Self.versionTwoDatabase { db in
            try db.execute(sql: Self.oneCompany.replacingOccurrences(of: "('company-name', 'acme', '2026-03-01 10:00:00.000'),", with: ""))
        }
        defer { Self.remove(path) }
        let store = try SQLiteStore(path: path)
        #expect(try store.companies().isEmpty)
        #expect(try store.setting(.mailSendingUser) == "ADMIN")
        #expect(try store.profile(user: "MARI")?.companyID == nil)
        #expect(try store.outgoing(id: 12)?.companyID == nil)

        guard case .added(let first, let adopted) = try store.addCompany(named: "acme") else {
            Issue.record("not added"); return
        }
        #expect(adopted == CompanyHoldings(messages: 1, events: 2, sent: 1, profiles: 2))
        #expect(try store.setting(.mailSendingUser, company: first.id) == "ADMIN")
        #expect(try store.setting(.mailSendingUser) == nil)
        #expect(try store.outgoing(id: 12)?.companyID == first.id)

        // A second company takes over nothing.
        guard case .added(let second, let none) = try store.addCompany(named: "beta") else {
            Issue.record("not added"); return
        }
        #expect(none.isEmpty)
        #expect(try store.profiles(company: second.id).isEmpty)
        guard case .exists(let existing) = try store.addCompany(named: "ACME") else {
            Issue.record("added twice"); return
        }
        #expect(existing.id == first.id && existing.name == "acme")
    }
}
