import EventStore
import Foundation
import Ingest
import Testing

/// `schema.sql` is embedded byte for byte and split into migrations; shipped migrations never change.
@Suite("Schema")
struct SchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schema.sql")

    @Test func theEmbeddedSchemaIsTheFileByteForByte() throws {
        let file = try Data(contentsOf: Self.schemaFile)
        #expect(Schema.bytes == [UInt8](file))
    }

    @Test func migrationsAreReadInFileOrder() {
        #expect(Schema.migrations.map(\.name).first == "1 ledger, events, cursors")
        #expect(Set(Schema.migrations.map(\.name)).count == Schema.migrations.count)
        for migration in Schema.migrations { #expect(!migration.sql.isEmpty) }
    }

    /// The SHA-256 of every shipped migration's SQL. Append a line when a migration ships; never edit
    /// one: a database that has run a migration will not run it again, so an edit would never reach it.
    static let shipped: [(name: String, sha256: String)] = [
        ("1 ledger, events, cursors", "bab47d1ca647120f9039848e44281e7dd0bd08d30da3e1f35198f68f766134b1"),
        ("2 outgoing mail, SMTP profiles, settings, matched events",
         "782453478c991bbedc07e85948eb34bf0075bc8fab276663f1aaf41d7b8c66fe"),
        ("3 the rule that decided each event's reason", "1ff808c55917cd4305a3488da73d066c77c23301b365e46005b023308aaaeaff"),
        ("4 the OAuth client each SMTP profile signs in with",
         "c0183efeb33e8f665fc722b3454a70e66d6a1698182a5e82fc24d9c2763d7f62"),
        ("5 companies", "78d9b07b13e2b489b2ad474561eec287a985a62a5e2adf47936583f56e45c06d"),
        ("6 leases", "153604f1128356a2f265c7766bdd9cf60a6a1f3746442b85201937c2acafa569"),
        ("7 the ledger's source check without a temporary index",
         "24ce099e0d7e06c00a4e4e72aaed8ea78d902d4a421764cfdd3cc6a2afda6111"),
    ]

    @Test func shippedMigrationsAreNeverEdited() {
        #expect(Schema.migrations.count >= Self.shipped.count)
        for (migration, shipped) in zip(Schema.migrations, Self.shipped) {
            #expect(migration.name == shipped.name, "migrations were reordered or renamed")
            #expect(MessageDigest.hex(MessageDigest.sha256(Array(migration.sql.utf8))) == shipped.sha256,
                    "migration '\(shipped.name)' has shipped: add a new migration at the end of schema.sql instead")
        }
    }
}
