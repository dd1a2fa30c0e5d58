import Foundation
@testable import MailCore
import MailModel
import TestSupport
import Testing

/// `CompactHeader` gives libetpan only the fields of a message's header section that decide its
/// parse: the parse must be the one libetpan gives of the whole section (`parseWhole`), part for
/// part, or be declined.
@Suite("Compact header")
struct CompactHeaderTests {
    /// Both parses of `bytes`, written out whole (headers, content types, content): the compact
    /// one nil when it was declined; nil when `MessageBounds` keeps the message from libetpan.
    static func parses(_ bytes: [UInt8]) -> (compact: String?, whole: String)? {
        guard case .success(let message) = MessageBounds.check(bytes) else { return nil }
        return (MIMEParser.parseCompactingHeader(message).map { String(describing: $0) },
                String(describing: MIMEParser.parseWhole(message)))
    }

    /// The MIME fields and the folded ones of those libetpan reads with a grammar of their own are
    /// kept, in order, and end where the section's fields did.
    @Test func theKeptFieldsEndWhereTheSectionDid() throws {
        let text = "Received: from a\n\tby b\nContent-Type: text/plain;\n charset=utf-8\nSubject: x\nfrom: a@b,\n c@d\nTo: e@f\nX-To: c\nMIME-Version: 1.0\n\nbody\n"
        let bytes = Array(text.utf8)
        let compact = try #require(bytes.withUnsafeBufferPointer { CompactHeader($0) })
        var rewritten = bytes
        rewritten.withUnsafeMutableBufferPointer { compact.write(to: $0) }
        let tail = String(decoding: rewritten[compact.start...], as: UTF8.self)
        #expect(tail == "Content-Type: text/plain;\n charset=utf-8\nfrom: a@b,\n c@d\nMIME-Version: 1.0\n\nbody\n")
        #expect(compact.start == text.utf8.count - tail.utf8.count)
    }

    /// Sections libetpan might read to a different end than `OptionalFields` are parsed whole: a
    /// backslash before a line break (a quoted-pair in a structured field), no blank line, a line
    /// that is not a field; and those where libetpan's body does not start after the blank line:
    /// its own grammar for To and From ends them at a folded line it cannot read (the generated
    /// messages below found both).
    @Test(arguments: [
        "From: \"\\\n\n x\" <a@b>\nContent-Type: text/html\n\nbody\n",
        "Subject: a\nContent-Type: text/html\n",
        "Subject: a\nnot a field\nContent-Type: text/html\n\nbody\n",
        "\nContent-Type: text/html\n\nbody\n",
        "To:<a\n  \n @\nContent-Type: text/html\n\nbody\n",
        "From:[()\n (a\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nContent-Type: text/html\n\nbody\n",
    ])
    func sectionsThatMightReadDifferentlyAreParsedWhole(text: String) throws {
        let parses = try #require(Self.parses(Array(text.utf8)))
        #expect(parses.compact == nil)
        #expect(String(describing: MIMEParser.parse(Array(text.utf8))) == parses.whole)
    }

    /// Generated messages, hostile headers among them: where the compact parse is not declined it
    /// is the whole one, and most of them are compacted.
    @Test func generatedMessagesParseAsWithTheWholeHeader() {
        let fields = [
            "Received: from a.example (b [192.0.2.1])\n\tby c.example; Mon, 1 Jan 2024 00:00:00 +0000\n",
            "From: \"A \\\"B\\\"\" <a@example.com>\n", "To: a@b, (c) d@e\n", "Cc: undisclosed-recipients:;\n",
            "Date: Mon, 1 Jan 2024 00:00:00 +0000\n", "Subject: =?utf-8?q?caf=C3=A9?=\n  au lait\n",
            "DKIM-Signature: v=1; a=rsa-sha256;\n\tb=abc\n", "Message-ID: <x@y>\n", "References: <a@b> (c)\n <d@e>\n",
            "Content-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"B\"\n",
            "Content-Type: multipart/mixed; boundary=B\n", "Content-Type: text/plain; charset=iso-8859-1\n",
            "content-type: message/rfc822\n", "Content-Type: message/delivery-status\n",
            "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
            "MIME-Version: 1.0\n", "Mime-version: 1.0 (x)\n", "Content-Disposition: inline\n",
        ]
        let names = ["From", "To", "Subject", "Date", "Content-Type", "Content-Transfer-Encoding", "X", "Received"]
        let pieces = [":", " ", "\t", "\n", "\n ", "\n\t", " \n", "\\", "\"", "(", ")", "<", ">", "@", "a", ";", ",", ".",
                      "[", "]", "=?x?q?y?=", "\u{0}", "é", "1", "Mon, 1 Jan 2024 00:00:00 +0000"]
        let bodies = [
            "text =C3=A9\nline\n", "aGVsbG8K\n",
            "preamble\n--B\nContent-Type: text/plain\n\nfirst\n--B\nContent-Type: message/rfc822\n\nFrom: x@y\nSubject: s\n\nbody\n--B--\n",
            "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; a\n\nFinal-Recipient: rfc822; a@b\nStatus: 5.1.1\n--B--\n",
            "From: inner@example\nContent-Type: text/plain\n\ninner\n",
        ]
        var random = FixedSequence(seed: 1_234)
        var compacted = 0
        var compared = 0
        for _ in 0..<20_000 {
            var header = ""
            for _ in 0..<(1 + random.next() % 8) {
                if random.next() % 4 == 0 {
                    header += names[random.next() % names.count] + random.text(of: pieces, fewerThan: 3)
                        + ":" + random.text(of: pieces, fewerThan: 8) + "\n"
                } else {
                    header += fields[random.next() % fields.count]
                }
            }
            let text = header + (random.next() % 10 == 0 ? "" : "\n") + bodies[random.next() % bodies.count]
            var bytes = Array(text.utf8)
            if random.next() % 4 == 0 {
                bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            }
            guard let parses = Self.parses(bytes) else { continue }
            compared += 1
            guard let compact = parses.compact else { continue }
            #expect(compact == parses.whole, "\(text.debugDescription)")
            compacted += 1
        }
        #expect(compared > 18_000)
        #expect(compacted > 8_000)
    }

    /// The repository's sample messages parse the same both ways.
    @Test func theSamplesParseAsWithTheWholeHeader() throws {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/MailCoreTests/CompactHeaderTests.swift
        let samples = parts.joined(separator: "/") + "/samples"
        let files = try #require(FileManager.default.enumerator(atPath: samples)).compactMap { $0 as? String }
        var compared = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: samples + "/" + file),
                  let parses = Self.parses(Array(data)) else { continue }
            #expect(parses.compact ?? parses.whole == parses.whole, "\(file)")
            if parses.compact != nil { compared += 1 }
        }
        #expect(compared > 50)
    }
}
