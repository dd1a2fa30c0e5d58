@testable import BounceKit
import MailModel
import TestSupport
import Testing

/// The byte-level shortcuts for plain ASCII text must give exactly what the `Character`-wise code
/// gives: each is compared with it on many generated texts made of the pieces the code looks for
/// (boundaries, part headers, soft line breaks, reply codes, runs of white space).
@Suite("Plain ASCII shortcuts")
struct PlainASCIITests {
    static let pieces = [
        "a", "550", "550-5.7.1", "5.1.1", "-", "--", "--Boundary_42", "------=_Part_1", "=", " ", "  ", "\t", "\n",
        "Content-Type:", "content-transfer-encoding:", "MIME-Version:", "text/plain;", "x", "<a@b.test>",
        String(repeating: "w", count: 69) + "=", String(repeating: "v", count: 75),
    ]

    /// `count` texts of `pieces` (fewer than `limit` each) chosen by a fixed generator (the same
    /// texts on every run).
    static func texts(_ count: Int, seed: UInt64, of pieces: [String] = pieces, fewerThan limit: Int = 40) -> [String] {
        var sequence = FixedSequence(seed: seed)
        return (0..<count).map { _ in sequence.text(of: pieces, fewerThan: limit) }
    }

    /// The case-insensitive byte comparison with a lowercase text is equality of the lowercased
    /// bytes (what comparing `lowercased()` strings gives for ASCII), of any length.
    @Test func equalsIgnoringCaseIsEqualityOfLowercasedBytes() {
        let words = ["content-type", "Content-Type", "CONTENT-TYPE", "content-typ", "content-types", "from", "FROM", "Fr0m",
                     "x-", "X-", "-", "\r", "\u{0D}content-type", "", "é", "É", "message-id", "Message-ID", "mEsSaGe-Id"]
        for text in words {
            for key in words {
                let lowercaseKey = Array(key.utf8).map(PlainASCII.lowercased)
                let expected = Array(text.utf8).map(PlainASCII.lowercased) == lowercaseKey
                let found = Array(text.utf8).withUnsafeBufferPointer { bytes in
                    lowercaseKey.withUnsafeBufferPointer { PlainASCII.equalsIgnoringCase(bytes, lowercase: $0) }
                }
                #expect(found == expected, "\(text.debugDescription) against \(key.debugDescription)")
            }
        }
    }

    @Test func mimeDebrisIsRemovedTheSameByBytesAsByCharacters() {
        var compared = 0
        for text in Self.texts(3000, seed: 1) {
            var copy = text
            let plain = copy.withUTF8(PlainASCII.isPlain)
            #expect(plain)
            #expect(MIMEDebris.removed(from: text) == MIMEDebris.removed(characters: text), "\(text.debugDescription)")
            compared += 1
        }
        #expect(compared == 3000)
    }

    @Test func diagnosticsAreNormalisedTheSameByBytesAsByCharacters() {
        var continuations = 0
        let replies = ["550-", "451", "451-4.7.1", "4.7.1", "250-", "5.7.1"]
        for text in Self.texts(3000, seed: 2, of: Self.pieces + replies) {
            let words = DiagnosticText.words(characters: text)
            let expected = DiagnosticText.normalized(words: words)
            #expect(DiagnosticText.normalized(text) == expected, "\(text.debugDescription)")
            if expected != words.joined(separator: " ") { continuations += 1 }
        }
        // The texts hold reply codes whose repeats are dropped, not only words to join.
        #expect(continuations > 200)
    }

    static let addressPieces = [
        "<", ">", "(", ")", "\"", "'", "[", "]", ".", ",", ";", ":", "mailto:", "MailTo:", "smtp=", "SMTP:", "rfc822;",
        "RFC822; ", "@", "@", "User", "host.EXAMPLE", " ", "\t", "\r\n", "\n", "x y", "Name",
    ]

    @Test func addressesAreNormalisedTheSameByBytesAsByCharacters() {
        var sequence = FixedSequence(seed: 5)
        var addresses = 0
        for _ in 0..<5000 {
            let text = sequence.text(of: Self.addressPieces, fewerThan: 10)
            let expected = Address.normalize(characters: text)
            #expect(Address.normalize(text) == expected, "\(text.debugDescription)")
            if expected?.contains("@") == true { addresses += 1 }
        }
        #expect(addresses > 500)
        // Non-ASCII text keeps the character path (Unicode lowercasing of the domain).
        #expect(Address.normalize("<J\u{F6}rg@B\u{DC}ro.TEST>") == "J\u{F6}rg@b\u{FC}ro.test")
    }

    @Test func theLastPartOfAnAddressIsTheSameByBytesAsByCharacters() {
        var sequence = FixedSequence(seed: 9)
        for _ in 0..<3000 {
            let text = sequence.text(of: Self.addressPieces, fewerThan: 8)
            #expect(Evidence.lastPart(text) == text.split(separator: "@").last.map(String.init), "\(text.debugDescription)")
        }
        #expect(Evidence.lastPart("a@@") == "a")
        #expect(Evidence.lastPart("@") == nil)
        #expect(Evidence.lastPart("a@\u{301}b") == "a@\u{301}b")
    }

    @Test func hostNamesAreTheSameByBytesAsByCharacters() {
        let pieces = ["mx", ".", "example", "com", "[", "]", "(", ")", "192.0.2.1", ":", ",", ";", "-", "_", "@", "a", "Mail", "1", " "]
        var sequence = FixedSequence(seed: 10)
        var hosts = 0
        for _ in 0..<5000 {
            let word = Substring(sequence.text(of: pieces, fewerThan: 9))
            let expected = RemoteHost.hostName(characters: word)
            #expect(RemoteHost.hostName(word) == expected, "\(word.debugDescription)")
            if expected != nil { hosts += 1 }
        }
        #expect(hosts > 200)
        #expect(RemoteHost.hostName("m\u{E9}il.example.com") == "m\u{E9}il.example.com")
    }

    @Test func reportFieldsAreReadTheSameByBytesAsByCharacters() {
        let pieces = Self.addressPieces + ["rfc822", "x-local-host", "smtp", ";", ";", "utf-8;", "SMTP;", "550 5.1.1 ", "A-1"]
        var sequence = FixedSequence(seed: 12)
        var typed = 0
        for _ in 0..<5000 {
            let text = sequence.text(of: pieces, fewerThan: 10)
            #expect(Address.fromReportField(text) == Address.fromReportField(characters: text), "\(text.debugDescription)")
            let expected = DeliveryStatus.splitType(characters: text)
            let split = DeliveryStatus.splitType(text)
            #expect(split.type == expected.type && split.value == expected.value, "\(text.debugDescription)")
            if expected.type != nil { typed += 1 }
        }
        #expect(typed > 500)
        #expect(DeliveryStatus.splitType("  SMTP ; 550 x ").type == "smtp")
        #expect(Address.fromReportField("rfc822; <User@Host.TEST>") == "User@host.test")
    }

    @Test func reportLinesSplitIntoWordsTheSameByBytesAsByCharacters() {
        var sequence = FixedSequence(seed: 13)
        for _ in 0..<3000 {
            let line = Substring(sequence.text(of: Self.pieces + ["host", "mx.example.com[192.0.2.1]", "  \t "], fewerThan: 20))
            #expect(RemoteHost.words(of: line) == RemoteHost.words(characters: line), "\(line.debugDescription)")
        }
    }

    @Test func diagnosticLinesAreReadTheSameByBytesAsByCharacters() {
        let pieces = Self.pieces + [":", "::", "_", "___", "===", "--=_", "550 5.1.1 <a@b.test>: no such user", "Content-Description:"]
        var sequence = FixedSequence(seed: 14)
        var stops = 0, skips = 0, keeps = 0
        for _ in 0..<5000 {
            let line = Substring(sequence.text(of: pieces, fewerThan: 8))
            let expected = TextReport.diagnosticLine(characters: line)
            #expect(TextReport.diagnosticLine(plain: line) == expected, "\(line.debugDescription)")
            switch expected {
            case .stop: stops += 1
            case .skip: skips += 1
            case .keep: keeps += 1
            }
        }
        // Every verdict is compared, many times.
        #expect(stops > 200 && skips > 200 && keeps > 200, "\(stops) \(skips) \(keeps)")
    }

    @Test func leadingAddressesAreFoundTheSameByBytesAsByCharacters() {
        let pieces = Self.addressPieces + ["554 ", "550-", "To: ", "Recipient: ", "rfc822;", "* ", "- ", "> ", "\"A B\" ",
                                           "a@b.test", "<c@d.test>", "(x)", ")", ",", "...", "5.1.1"]
        var sequence = FixedSequence(seed: 15)
        var found = 0
        for _ in 0..<6000 {
            let line = Substring(sequence.text(of: pieces, fewerThan: 9))
            for afterReplyCode in [false, true] {
                let expected = RecipientLines.leadingAddress(characters: line, afterReplyCode: afterReplyCode)
                let plain = RecipientLines.leadingAddress(plain: line, afterReplyCode: afterReplyCode)
                #expect(plain?.address == expected?.address && plain?.rest == expected?.rest, "\(line.debugDescription)")
                if expected != nil { found += 1 }
            }
        }
        #expect(found > 400)
    }

    @Test func linksAreFoundTheSameByBytesAsByCharacters() {
        let pieces = ["http", "https://", "HTTP://", "example.test", "/path", ".", ",", ";", ":", "]", ">", ")", "\"", " ",
                      "\t", "\u{0B}", "\u{0C}", "\n", "x", "see "]
        var sequence = FixedSequence(seed: 16)
        var links = 0
        for _ in 0..<4000 {
            let text = sequence.text(of: pieces, fewerThan: 12)
            guard let offset = SearchText(text).firstOffset(of: "http", from: 0) else { continue }
            let expected = Explanation.link(characters: text, from: offset)
            #expect(Explanation.link(in: text) == expected, "\(text.debugDescription)")
            if expected != nil { links += 1 }
        }
        #expect(links > 300)
    }

    @Test func theLineAroundAnOffsetIsTheSameByBytesAsByCharacters() {
        var sequence = FixedSequence(seed: 17)
        for _ in 0..<3000 {
            let text = Substring(sequence.text(of: Self.pieces + ["Return-Path:", "\n\n"], fewerThan: 30))
            let utf8 = text.utf8
            guard !utf8.isEmpty else { continue }
            let index = utf8.index(utf8.startIndex, offsetBy: sequence.next() % utf8.count)
            let expected = TextReport.line(characters: text, around: index)
            let plain = TextReport.line(plain: text, around: index)
            #expect(plain.begin == expected.begin && plain.end == expected.end, "\(text.debugDescription)")
        }
    }

    @Test func wordsSplitAsTheStandardLibrarySplitsThem() {
        let separatorSets: [(UInt8) -> Bool] = [{ $0 == 0x20 || $0 == 0x09 }, { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }]
        for text in Self.texts(2000, seed: 19) {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for isSeparator in separatorSets {
                    let expected = buffer.split(whereSeparator: isSeparator)
                    let words = PlainASCII.wordRanges(buffer, separatedBy: isSeparator)
                    #expect(words.count == expected.count
                            && zip(words, expected).allSatisfy { $0.lowerBound == $1.startIndex && $0.upperBound == $1.endIndex },
                            "\(text.debugDescription)")
                }
            }
        }
    }

    static let transcriptPieces = [
        "552-5.7.0 first", "552 5.7.0 last", "<<< ", "<<<552-5.7.0 more", "   ", "\t", "\n", "a@b.test", "A@B.Test",
        "<a@b.test>", ": 550 no such user", "x", "  host said:", "552-", "552 ", "5.1.1",
    ]

    /// Texts of transcript lines and recipient lines.
    static func transcripts(_ count: Int, seed: UInt64) -> [String] {
        texts(count, seed: seed, of: transcriptPieces, fewerThan: 30)
    }

    @Test func fullRepliesAreFoundTheSameByBytesAsByCharacters() {
        var found = 0
        for text in Self.transcripts(3000, seed: 6) {
            for firstLine in ["552-5.7.0 first", "552-5.7.0 more", "552-"] {
                let expected = HumanReadableText.fullReply(characters: text, firstLine: firstLine, code: "552")
                #expect(HumanReadableText.fullReply(plain: text, firstLine: firstLine, code: "552") == expected,
                        "\(text.debugDescription)")
                if expected != nil { found += 1 }
            }
        }
        #expect(found > 300)
    }

    @Test func recipientDiagnosticsAreFoundTheSameByBytesAsByCharacters() {
        var found = 0
        for text in Self.transcripts(3000, seed: 7) {
            let expected = HumanReadableText.diagnostic(characters: text, needle: "a@b.test")
            #expect(HumanReadableText.diagnostic(plain: text, needle: "a@b.test") == expected, "\(text.debugDescription)")
            if expected != nil { found += 1 }
        }
        #expect(found > 300)
    }

    @Test func addressListsSplitTheSameByBytesAsByCharacters() {
        let pieces = ["a@b.test", "C@D.Test", ",", ";", " ", "\"", "\"x, y\"", "<", ">", "(", ")", "(c, d)", "Name", "\t",
                      "\n", "e@f", "@", "."]
        var sequence = FixedSequence(seed: 9)
        var found = 0
        for _ in 0..<1500 {
            let text = sequence.text(of: pieces, fewerThan: 14)
            let expected = Address.list(characters: text)
            #expect(Address.list(text) == expected, "\(text.debugDescription)")
            found += expected.count
        }
        #expect(found > 400)
    }

    @Test func messageIDsLoseTheirAngles() {
        for (text, expected) in [(" <a@b.test> ", "a@b.test"), ("<a@b.test", "a@b.test"), ("a@b.test>x", "a@b.test"),
                                 ("<", ""), ("", ""), ("<\u{E9}@b.test>", "\u{E9}@b.test"),
                                 // ">" with a combining mark is another character: not the close.
                                 ("<a>\u{301}b>", "a>\u{301}b")] {
            #expect(Address.stripAngles(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func recipientLabelsAreFoundTheSameByBytesAsByCharacters() {
        let pieces = ["Recipient", "recipients", "ADDRESS", "Addressee", "Unknown", "intended", "sender", "Your", "my",
                      "from", "Final-", ":", " ", "  ", "-", "\t", "a@b.test", "x", "\u{E9}", "\r\n", "\n", "1", "<", "\u{301}",
                      String(repeating: "y", count: 30)]
        let words = ["Recipient", "recipients", "ADDRESS", "Addressee", "Unknown", "intended", "sender", "Your", "my",
                     "Final-Recipient", "bad", "r\u{E9}cipient", "address\u{301}", "1st"]
        var sequence = FixedSequence(seed: 11)
        var found = 0
        for round in 0..<4000 {
            // Half of the lines are built like labels: a few words, a colon, more text.
            let line = Substring(round.isMultiple(of: 2) ? sequence.text(of: pieces, fewerThan: 9)
                : (0...(sequence.next() % 5)).map { _ in words[sequence.next() % words.count] }.joined(separator: " ")
                    + ":" + sequence.text(of: pieces, fewerThan: 4))
            let expected = RecipientLines.recipientLabel(characters: line)
            #expect(RecipientLines.recipientLabel(in: line) == expected, "\(line.debugDescription)")
            if expected != nil { found += 1 }
        }
        #expect(found > 100)
    }

    @Test func recipientLabelsAreFoundWhereverTheColonIs() {
        for (line, label) in [("Intended recipient: a@b.test", "Intended recipient:"), ("no colon here a@b.test", nil),
                              (String(repeating: "x", count: 39) + ": a", nil),
                              ("Unknown recipient address: <a@b.test>", "Unknown recipient address:"),
                              ("Empf\u{E4}nger recipient: a@b.test", "Empf\u{E4}nger recipient:")] as [(String, String?)] {
            #expect(RecipientLines.recipientLabel(in: Substring(line)).map(String.init) == label, "\(line)")
        }
    }

    @Test func textWithCarriageReturnsOrNonASCIIIsNotPlain() {
        for text in ["a\r\nb", "\r", "caf\u{E9}", "e\u{301}", String(repeating: "a", count: 20) + "\r"] {
            var copy = text
            let plain = copy.withUTF8(PlainASCII.isPlain)
            #expect(!plain, "\(text.debugDescription)")
        }
        // Where "\r\n" is one Character, a split at "\n" would differ: such text takes the
        // Character path and keeps "\r\n" inside the word.
        #expect(DiagnosticText.normalized("550 a\r\nb") == "550 a\r\nb")
    }

    @Test func aByteSearchRulesOutOnlyWhatTheCharacterSearchCannotFind() {
        for (text, needle) in [("x 552-5.7.0 y", "552-5.7.0"), ("552-5.7", "552-5.7.0"), ("", "5"), ("abc", "abc"),
                               ("ab\r\nc", "b\r"), ("caf\u{E9}", "cafe")] {
            if !PlainASCII.mayContain(text, needle) { #expect(!text.contains(needle), "\(text.debugDescription)") }
        }
        #expect(PlainASCII.mayContain("x 552-5.7.0 y", "552-5.7.0"))
        #expect(!PlainASCII.mayContain("552-5.7", "552-5.7.0"))
        #expect(PlainASCII.mayContain("caf\u{E9}", "caf\u{E9}"))
    }
}
