// swift-tools-version:6.0
// A libFuzzer target over the parse + classify entry point, kept out of the main package so that
// its `swift build` stays as it is. Build and run it with scripts/fuzz.
import Foundation
import PackageDescription

// The main package is this folder's parent; SwiftPM names a path dependency after its folder
// (`wt-fuzz`, `MailEvents`, …), so the name is read from the path rather than written down.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "MailEventsFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // `LLVMFuzzerTestOneInput`: bounds check, MIME parse (libetpan), classification.
        .executableTarget(name: "ParseFuzzer", dependencies: [
            "FuzzerEntry", .product(name: "MailCore", package: mainPackage), .product(name: "BounceKit", package: mainPackage),
        ]),
        // `ParseFuzzer_main`, the symbol SwiftPM makes `main`: calls libFuzzer's driver.
        .target(name: "FuzzerEntry"),
    ]
)
