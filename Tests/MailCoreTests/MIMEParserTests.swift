import MailCore
import MailModel
import Testing

@Suite("MIMEParser")
struct MIMEParserTests {
    static let multipart = """
        From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.com>
        Subject: =?ISO-8859-1?Q?caf=E9?= and more
        Content-Type: multipart/mixed; boundary="XYZ"
        X-Folded: first
          second

        preamble
        --XYZ
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        na=EFve =
        text
        --XYZ
        Content-Type: application/octet-stream; name="a.bin"
        Content-Transfer-Encoding: base64

        AAECAw==
        --XYZ
        Content-Type: message/rfc822

        Message-ID: <orig@example.com>
        Subject: original

        body
        --XYZ--

        """

    @Test func headersAreUnfoldedAndEncodedWordsDecoded() {
        let part = MIMEParser.parse(Array(Self.multipart.utf8))
        #expect(part.headers["from"] == "Jürgen <j@example.com>")
        #expect(part.headers["SUBJECT"] == "café and more")
        #expect(part.headers["x-folded"] == "first  second")
    }

    @Test func partTreeWithDecodedBodies() throws {
        let part = MIMEParser.parse(Array(Self.multipart.utf8))
        #expect(part.contentType.mimeType == "multipart/mixed")
        #expect(part.contentType.parameter("BOUNDARY") == "XYZ")
        let parts = part.parts
        try #require(parts.count == 3)
        #expect(parts[0].text == "naïve text")
        guard case .binary(let bytes) = parts[1].content else { Issue.record("expected binary"); return }
        #expect(bytes == [0, 1, 2, 3])
        #expect(parts[1].contentType.parameter("name") == "a.bin")
        #expect(parts[2].message?.headers["message-id"] == "<orig@example.com>")
        #expect(parts[2].message?.text?.hasPrefix("body") == true)
    }

    @Test func rfc822HeadersPartBecomesAMessageWithHeadersOnly() {
        let raw = """
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: text/rfc822-headers

            Message-ID: <x@y>
            Subject: hello

            --b--

            """
        let part = MIMEParser.parse(Array(raw.utf8))
        #expect(part.parts.first?.message?.headers["subject"] == "hello")
    }

    @Test func charsetsAreConvertedToUTF8() {
        // "テスト" in ISO-2022-JP.
        let jis: [UInt8] = [0x1B, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1B, 0x28, 0x42]
        let raw = Array("Content-Type: text/plain; charset=iso-2022-jp\n\n".utf8) + jis + [0x0A]
        #expect(MIMEParser.parse(raw).text == "テスト\n")
    }

    @Test func misdeclaredCharsetKeepsTheText() {
        // Declared UTF-8, but Latin-1 bytes: read as Latin-1 rather than lost.
        let raw = Array("Content-Type: text/plain; charset=utf-8\n\ncaf".utf8) + [0xE9, 0x0A]
        #expect(MIMEParser.parse(raw).text == "café\n")
        let unknown = Array("Content-Type: text/plain; charset=x-no-such-charset\n\nplain\n".utf8)
        #expect(MIMEParser.parse(unknown).text == "plain\n")
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndingsGiveTheSameTree(_ ending: String) {
        let reference = MIMEParser.parse(Array(Self.multipart.utf8))
        let converted = Self.multipart.replacingOccurrences(of: "\n", with: ending)
        let part = MIMEParser.parse(Array(converted.utf8))
        #expect(part.headers == reference.headers)
        #expect(part.parts.count == reference.parts.count)
        #expect(part.parts.first?.text == reference.parts.first?.text)
    }

    @Test(arguments: [
        [UInt8](),
        Array("no headers at all".utf8),
        [0xFF, 0x00, 0xFE, 0x0A, 0x0D, 0x00],
        Array("Content-Type: multipart/mixed\n\nno boundary parameter\n".utf8),
        Array("Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\ntruncated".utf8),
    ])
    func hostileInputNeverFails(_ raw: [UInt8]) {
        let part = MIMEParser.parse(raw)
        _ = part.walk { _ in true }
    }

    @Test func deepNestingIsCapped() {
        var raw = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1..<500 {
            raw += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n"
        }
        var depth = 0
        var part: MIMEPart? = MIMEParser.parse(Array(raw.utf8))
        while let current = part, let child = current.parts.first {
            depth += 1
            part = child
        }
        #expect(depth <= MIMEParser.maximumDepth)
    }

    @Test func aFiftyMegabyteMessageParses() {
        var raw = Array("From: a@b.example\nSubject: big\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nhello\n--XX\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n".utf8)
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n".utf8)
        raw.reserveCapacity(50_100_000)
        while raw.count < 50_000_000 { raw += line }
        raw += Array("--XX--\n".utf8)
        let part = MIMEParser.parse(raw)
        #expect(part.parts.count == 2)
        guard case .binary(let bytes) = part.parts.last?.content else { Issue.record("expected a binary part"); return }
        #expect(bytes.count > 36_000_000)
    }
}
