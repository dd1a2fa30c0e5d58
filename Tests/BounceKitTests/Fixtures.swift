#if canImport(Glibc)
import Glibc
#endif

/// Paths the tests read: the repository's own `samples/`, and the shared bounce corpus beside the
/// checkout (`../shared/corpus`, or `$EVENTS_CORPUS`), which a fresh clone may not have.
enum Fixtures {
    static let repositoryRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/BounceKitTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    static var corpus: String {
        if let path = getenv("EVENTS_CORPUS") { return String(cString: path) }
        return repositoryRoot + "/../shared/corpus"
    }

    static var corpusIsPresent: Bool {
        access(corpus + "/expected.tsv", R_OK) == 0
    }

    /// The Mailman bounce corpus (`../shared/corpus-mailman`, or `$EVENTS_MAILMAN_CORPUS`): old
    /// MTAs' bounces, read in place and never copied into the project.
    static var mailmanCorpus: String {
        if let path = getenv("EVENTS_MAILMAN_CORPUS") { return String(cString: path) }
        return repositoryRoot + "/../shared/corpus-mailman"
    }

    static var mailmanCorpusIsPresent: Bool {
        access(mailmanCorpus + "/expected.tsv", R_OK) == 0
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    static func lines(_ path: String) -> [Substring] {
        guard let bytes = read(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    }
}
