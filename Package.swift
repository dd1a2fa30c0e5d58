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
    ],
    targets: [
        // The C library: a module map over <libetpan/libetpan.h> and a few shims. Only MailCore imports it.
        .systemLibrary(name: "CEtPan", path: "Sources/CEtPan", providers: [.apt(["libetpan-dev"])]),
        // Pure value types for a parsed message: headers, content types, the MIME part tree.
        .target(name: "MailModel"),
        // libetpan -> MailModel: MIME parsing, transfer decoding, charset conversion, RFC 2047 words.
        .target(name: "MailCore", dependencies: ["CEtPan", "MailModel"]),
        // Pure Swift, no I/O: delivery reports, status codes, reasons, findings.
        .target(name: "BounceKit", dependencies: ["MailModel"]),
        // Where raw messages come from: files, Maildirs, mbox files, standard input.
        .target(name: "Ingest", dependencies: ["MailCore", "BounceKit"]),
        .target(name: "EventsCLI", dependencies: [
            "Ingest", "BounceKit", "MailCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "events", dependencies: ["EventsCLI"]),
        .testTarget(name: "MailCoreTests", dependencies: ["MailCore", "MailModel"]),
        .testTarget(name: "BounceKitTests", dependencies: ["BounceKit", "MailCore", "MailModel", "Ingest"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"]),
        .testTarget(name: "EventsCLITests", dependencies: ["EventsCLI", "Ingest", "BounceKit", "MailCore"]),
    ]
)
