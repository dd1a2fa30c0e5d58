import Foundation

/// Temporary folders, Maildirs and databases for end-to-end tests.
struct TestFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("events-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the folder.
    func callAsFunction(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Makes a Maildir (tmp/, new/, cur/) named `name` and returns its path.
    func maildir(_ name: String = "Maildir") throws -> String {
        let path = self(name)
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true)
        }
        return path
    }

    /// The names in a folder, sorted.
    func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// Messages for tests: the Postfix samples, and the shared corpus when it is there.
enum TestMessages {
    static let samples: [(name: String, bytes: Data)] = load(EventsBinary.repositoryRoot.appendingPathComponent("samples/postfix"))

    static let corpus: [(name: String, bytes: Data)] = load(EventsBinary.repositoryRoot
        .appendingPathComponent("../shared/corpus/maildir").standardizedFileURL)

    static func sample(_ name: String) -> Data {
        samples.first { $0.name == name }?.bytes ?? Data()
    }

    static func load(_ folder: URL) -> [(name: String, bytes: Data)] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [(String, Data)] = []
        for case let relative as String in walker where relative.hasSuffix(".eml") {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) {
                found.append((relative, data))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// The message with its Message-ID replaced (or added) by `<id>`, so that copies differ.
    static func withMessageID(_ message: Data, _ id: String) -> Data {
        let bytes = [UInt8](message)
        let headerEnd = bytes.firstRange(of: [0x0A, 0x0A])?.lowerBound ?? bytes.count
        let line = Array("Message-ID: <\(id)>\n".utf8)
        var lineStart = 0
        while lineStart < headerEnd {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if String(decoding: bytes[lineStart..<min(lineEnd, lineStart + 11)], as: UTF8.self).lowercased() == "message-id:" {
                return Data(bytes[..<lineStart] + line + bytes[min(lineEnd + 1, bytes.count)...])
            }
            lineStart = lineEnd + 1
        }
        return Data(line + bytes)
    }

    /// Fills `maildir/new` with `count` distinct messages (samples and corpus repeated, each with its
    /// own Message-ID); returns their file names.
    @discardableResult
    static func fill(_ maildir: String, count: Int, from pool: [(name: String, bytes: Data)] = samples + corpus) throws -> [String] {
        var names: [String] = []
        for index in 0..<count {
            let name = "\(1_700_000_000 + index).M\(index)P1.test"
            let message = withMessageID(pool[index % pool.count].bytes, "copy-\(index)@test.invalid")
            try message.write(to: URL(fileURLWithPath: maildir + "/new/" + name))
            names.append(name)
        }
        return names
    }

    /// An RFC 3464 bounce for `recipient`, dated `date`, with the given status and reason text.
    static func bounce(to recipient: String, date: Date, status: String = "5.1.1",
                       diagnostic: String = "550 5.1.1 User unknown", action: String = "failed") -> Data {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss '+0000'"
        let text = """
            From: MAILER-DAEMON@mx.test
            To: sender@events.test
            Date: \(formatter.string(from: date))
            Message-ID: <\(UUID().uuidString)@mx.test>
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            Your message could not be delivered.

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.test

            Final-Recipient: rfc822; \(recipient)
            Action: \(action)
            Status: \(status)
            Diagnostic-Code: smtp; \(diagnostic)

            --B
            Content-Type: text/rfc822-headers

            From: sender@events.test
            To: \(recipient)
            Subject: Invoice 42
            Message-ID: <invoice-42@events.test>

            --B--

            """
        return Data(text.utf8)
    }
}
