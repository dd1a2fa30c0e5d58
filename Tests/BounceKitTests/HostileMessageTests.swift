#if canImport(Glibc)
import Glibc
#endif
import BounceKit
import Ingest
import MailCore
import Testing

/// Issue 12: messages that crashed or stalled ingestion, and what the fuzzer found since
/// (Tests/Fixtures/fuzz, kept by scripts/fuzz). Each must finish and come out as one unrecognized
/// finding saying why, or be parsed as usual when it is within `MessageBounds`.
@Suite("Hostile messages")
struct HostileMessageTests {
    @Test("issue 12 inputs finish with the limit they exceed", arguments: HostileMessages.all.indices)
    func issueInput(_ index: Int) {
        let (name, limit, make) = HostileMessages.all[index]
        let bytes = make()
        let clock = ContinuousClock()
        var classification: Classification?
        let elapsed = clock.measure { classification = MessageClassifier().classification(for: bytes) }
        print("hostile: \(name): \(bytes.count) bytes classified in \(elapsed)")
        guard let classification else { return }
        #expect(MessageBounds.violation(in: bytes)?.limit.rawValue == limit)
        #expect(!classification.findings.isEmpty)
        if limit != nil {
            #expect(classification.findings.count == 1)
            #expect(classification.findings.first?.kind == .unrecognized)
            #expect(classification.findings.first?.detector == "bounds")
            #expect(classification.findings.first?.cause.hasSuffix("kept unparsed.") == true)
            #expect(classification.messageID == "hostile@example.com")
            #expect(classification.date != nil)
            // Parsing it directly never reaches libetpan either: one text part.
            #expect(MIMEParser.parse(bytes).contentType.mimeType == "text/plain")
        }
    }

    @Test("the parts of a multipart whose headers run on are parsed one by one")
    func runOnHeaders() {
        let part = MIMEParser.parse(HostileMessages.flat(100, boundary: "b:", blankLine: false))
        #expect(part.parts.count == 100)
        #expect(part.parts.last?.headers["x-part"] == "99")
    }

    static let fuzzRegressions: [String] = {
        let folder = Fixtures.repositoryRoot + "/Tests/Fixtures/fuzz"
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix("."), name != "README.md" { names.append(folder + "/" + name) }
        }
        return names.sorted()
    }()

    @Test("fuzz regressions classify", arguments: fuzzRegressions)
    func fuzzRegression(_ path: String) throws {
        let bytes = try #require(Fixtures.read(path))
        let clock = ContinuousClock()
        var classification: Classification?
        let elapsed = clock.measure { classification = MessageClassifier().classification(for: bytes) }
        print("fuzz regression: \(path.split(separator: "/").last ?? ""): \(bytes.count) bytes classified in \(elapsed)")
        let findings = try #require(classification?.findings)
        #expect(!findings.isEmpty)
        for finding in findings where finding.detector == "bounds" {
            #expect(finding.kind == .unrecognized && !finding.cause.isEmpty)
        }
    }
}
