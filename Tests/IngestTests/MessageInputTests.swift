import Ingest
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("MessageInput")
struct MessageInputTests {
    /// A fresh temporary folder, removed after `body`.
    static func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        var template = Array("/tmp/events-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        defer { _ = system("rm -rf '\(path)'") }
        try body(path)
    }

    static func write(_ path: String, _ text: String) {
        let file = fopen(path, "w")
        fputs(text, file)
        fclose(file)
    }

    @Test func maildirReadsNewThenCurButNotTmp() throws {
        try Self.withTemporaryFolder { root in
            for sub in ["new", "cur", "tmp"] { mkdir(root + "/" + sub, 0o755) }
            Self.write(root + "/new/1.host", "Subject: new\n\nx\n")
            Self.write(root + "/cur/2.host:2,", "Subject: cur\n\nx\n")
            Self.write(root + "/tmp/3.host", "Subject: tmp\n\nx\n")
            var sources: [String] = []
            try MessageInput.forEachMessage(at: root) { sources.append($0.source) }
            #expect(sources == [root + "/new/1.host", root + "/cur/2.host:2,"])
        }
    }

    @Test func foldersAreReadRecursivelyAndMboxFilesSplit() throws {
        try Self.withTemporaryFolder { root in
            mkdir(root + "/sub", 0o755)
            Self.write(root + "/a.eml", "Subject: a\n\nx\n")
            Self.write(root + "/sub/b.mbox", "From x Mon Nov  2 10:00:00 2026\nSubject: b1\n\nx\n\nFrom y Mon Nov  2 10:00:00 2026\nSubject: b2\n\ny\n")
            var seen: [String] = []
            try MessageInput.forEachMessage(at: root) { seen.append("\($0.source.dropFirst(root.count))#\($0.position)") }
            #expect(seen == ["/a.eml#1", "/sub/b.mbox#1", "/sub/b.mbox#2"])
        }
    }

    @Test func aMissingPathIsAnErrorNamingIt() {
        #expect(throws: InputError.self) {
            try MessageInput.forEachMessage(at: "/nonexistent/events-test") { _ in }
        }
        do {
            try MessageInput.forEachMessage(at: "/nonexistent/events-test") { _ in }
        } catch {
            #expect("\(error)".contains("/nonexistent/events-test"))
        }
    }
}
