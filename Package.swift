// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MailEvents",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "events", targets: ["events"]),
        .library(name: "BounceKit", targets: ["BounceKit"]),
        .library(name: "MailCore", targets: ["MailCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The C library: a module map over <libetpan/libetpan.h> and a few shims. Only MailCore imports it.
        .systemLibrary(name: "CEtPan", path: "Sources/CEtPan", providers: [.apt(["libetpan-dev"])]),
        // Pure value types for a parsed message: headers, content types, the MIME part tree.
        .target(name: "MailModel"),
        // libetpan -> MailModel: MIME parsing, transfer decoding, charset conversion, RFC 2047 words.
        .target(name: "MailCore", dependencies: ["CEtPan", "MailModel"]),
        // Pure Swift, no I/O: delivery reports, status codes, reasons, findings.
        // The reason phrases are data (Phrases/reason-phrases.tsv), embedded at build time.
        .target(name: "BounceKit", dependencies: ["MailModel"], resources: [.embedInCode("Phrases/reason-phrases.tsv")]),
        // The event database: schema.sql (embedded), migrations, one record per table, named queries.
        // Knows nothing of MIME or reports.
        .target(name: "EventStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
                resources: [.embedInCode("schema.sql")]),
        // The event database on PostgreSQL, for several hosts: the same EventStore protocol over
        // postgres-nio, schema-postgres.sql (embedded) with the same migrations as schema.sql.
        .target(name: "PostgresEventStore", dependencies: [
            "EventStore", .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
        ], resources: [.embedInCode("schema-postgres.sql")]),
        // Where raw messages come from (files, Maildirs, mbox files, standard input) and the pipeline
        // that classifies them and writes them to the store, marking each source processed after.
        .target(name: "Ingest", dependencies: [
            "MailCore", "BounceKit", "EventStore", "MessageTag", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The companion sender: SMTP profiles and their resolution, secrets from files, variables or
        // commands, tagged submission through libetpan's SMTP client, outgoing records, submission errors.
        // Tokens of accounts signed in with OAuth come from OAuthKit's token store.
        .target(name: "Sender", dependencies: ["EventStore", "MailCore", "BounceKit", "MessageTag", "OAuthKit"]),
        .target(name: "EventsCLI", dependencies: [
            "Ingest", "Sender", "BounceKit", "MailCore", "EventStore", "PostgresEventStore", "CertificateTrust",
            "MessageTag", "OAuthKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Pure Swift, no I/O but reading a CA file: verifies a server's certificate chain (DER, leaf first)
        // against trust roots and the host name, for TLS libraries that do not (libetpan's GnuTLS build).
        .target(name: "CertificateTrust", dependencies: [
            .product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        // Signed tags for outgoing mail (envelope sender, header, Message-ID) and the signing keys on disk.
        .target(name: "MessageTag", dependencies: ["MailModel", .product(name: "Crypto", package: "swift-crypto")]),
        // OAuth 2.0 for SMTP/IMAP XOAUTH2 (Microsoft 365, Google, RFC 8414 servers): authorization code
        // with PKCE and a loopback redirect, device flow, client credentials, and a locked on-disk token store.
        .target(name: "OAuthKit", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .executableTarget(name: "events", dependencies: ["EventsCLI"], linkerSettings: [
            // A static standard library is linked with -export-dynamic (its static-stdlib-args.lnk):
            // the executable then exports all of its 45,000 symbols, which nothing looks up by name,
            // but which the runtime's start-up reads through once (dladdr over the dynamic symbol
            // table, from Backtrace.cpp's initializer: 1.6 M instructions a process; `events parse`
            // and `ingest` start one classifying process per core). The executable exports none.
            .unsafeFlags(["-Xlinker", "--no-export-dynamic"]),
        ]),
        // What the test targets share: a fixed pseudo-random sequence for generated inputs.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MailCoreTests", dependencies: ["MailCore", "MailModel", "TestSupport"]),
        .testTarget(name: "BounceKitTests", dependencies: ["BounceKit", "MailCore", "MailModel", "Ingest", "TestSupport"]),
        .testTarget(name: "EventStoreTests", dependencies: [
            "EventStore", "PostgresEventStore", "Ingest", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "CertificateTrustTests", dependencies: [
            "CertificateTrust", .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "SenderTests", dependencies: ["Sender"]),
        .testTarget(name: "MessageTagTests", dependencies: ["MessageTag", "MailModel", "TestSupport"]),
        .testTarget(name: "OAuthKitTests", dependencies: ["OAuthKit"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "EventStore", "BounceKit", "MailModel", "MessageTag", "TestSupport"]),
        .testTarget(name: "EventsCLITests", dependencies: [
            "EventsCLI", "Ingest", "BounceKit", "MailCore", "EventStore", "CertificateTrust", "OAuthKit",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
