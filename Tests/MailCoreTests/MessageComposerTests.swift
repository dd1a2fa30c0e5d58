import Foundation
import MailCore
import MailModel
import Testing

@Suite("MessageComposer")
struct MessageComposerTests {
    static let subjects = ["Arve nr 42 — õüäö", "Invoice 42", "Tere 👋🏽 👨‍👩‍👧‍👦 " + String(repeating: "õ", count: 70),
                           "=?not an encoded word?=", String(repeating: "long words ", count: 20) + "end"]

    static func message(subject: String = "Arve nr 42 — õüäö", body: String = "Tere!\nArve on lisatud.\n",
                        attachments: [OutgoingMessage.Attachment] = []) -> OutgoingMessage {
        OutgoingMessage(from: MailboxAddress("company+m12.k1.abcdefghijklmnop@event.example", name: "Jüri Õunapuu 😀"),
                        replyTo: MailboxAddress("jyri@firma.example", name: "Jüri"),
                        to: [MailboxAddress("klient@example.com", name: "Mäger, Ülle"), MailboxAddress("b@example.com")],
                        cc: [MailboxAddress("cc@example.com")], subject: subject, textBody: body, attachments: attachments,
                        messageID: "m12.k1.abcdefghijklmnop@event.example", date: Date(timeIntervalSince1970: 1_772_719_629),
                        extraHeaders: [("X-MailEvents-Tag", "m12.k1.abcdefghijklmnop")])
    }

    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { $0 }
    }

    static func checkLines(_ bytes: [UInt8]) {
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var inHeader = true
        for line in lines(bytes) {
            #expect(line.last == 0x0D, "line without CRLF: \(String(decoding: line, as: UTF8.self))")
            #expect(!line.dropLast().contains(0x0D))
            #expect(line.count - 1 <= 998)
            if inHeader {
                if line.count == 1 { inHeader = false; continue }
                #expect(line.count - 1 <= 78, "header line too long: \(String(decoding: line, as: UTF8.self))")
            }
        }
        #expect(bytes.allSatisfy { $0 < 0x80 }, "8-bit byte in the message")
    }

    @Test(arguments: subjects)
    func headersRoundTrip(_ subject: String) throws {
        let bytes = try MessageComposer.compose(Self.message(subject: subject))
        Self.checkLines(bytes)
        let part = MIMEParser.parse(bytes)
        #expect(part.headers["subject"] == subject)
        #expect(part.headers["from"] == "Jüri Õunapuu 😀 <company+m12.k1.abcdefghijklmnop@event.example>")
        #expect(part.headers["reply-to"] == "Jüri <jyri@firma.example>")
        #expect(part.headers["to"]?.contains("klient@example.com") == true)
        #expect(part.headers["to"]?.contains("Mäger, Ülle") == true)
        #expect(part.headers["cc"] == "cc@example.com")
        #expect(part.headers["message-id"] == "<m12.k1.abcdefghijklmnop@event.example>")
        #expect(part.headers["x-mailevents-tag"] == "m12.k1.abcdefghijklmnop")
        #expect(part.headers["mime-version"] == "1.0")
        #expect(part.headers["date"] == "Thu, 5 Mar 2026 14:07:09 +0000")
        #expect(part.contentType.mimeType == "text/plain")
        #expect(part.text == "Tere!\r\nArve on lisatud.\r\n" || part.text == "Tere!\nArve on lisatud.\n")
    }

    @Test func encodedWordsAreShortAndWholeCharacters() throws {
        let text = String(decoding: try MessageComposer.compose(Self.message(subject: Self.subjects[2])), as: UTF8.self)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\r\n" || $0 == "\n" }).filter { $0.hasPrefix("=?") }
        #expect(words.count > 3)
        for word in words {
            #expect(word.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let data = try #require(Data(base64Encoded: String(payload)), "\(word)")
            #expect(String(data: data, encoding: .utf8) != nil, "word splits a character: \(word)")
        }
    }

    @Test func nonASCIIBodyIsQuotedPrintableAndRoundTrips() throws {
        let body = "Lugupeetud klient,\n\nArve nr 42 — õüäö 😀\n" + String(repeating: "pikk rida ", count: 30) + "\n. \nlõpp"
        let bytes = try MessageComposer.compose(Self.message(body: body))
        Self.checkLines(bytes)
        #expect(String(decoding: bytes, as: UTF8.self).contains("Content-Transfer-Encoding: quoted-printable"))
        let decoded = MIMEParser.parse(bytes).text?.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(decoded == body + "\n")
    }

    @Test func asciiBodyIsSevenBit() throws {
        let text = String(decoding: try MessageComposer.compose(Self.message(body: "Hello\r\nworld")), as: UTF8.self)
        #expect(text.contains("Content-Transfer-Encoding: 7bit"))
        #expect(text.hasSuffix("\r\n\r\nHello\r\nworld\r\n"))
        #expect(!text.contains("multipart"))
    }

    @Test func attachmentsRoundTripAsBytes() throws {
        let binary = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        let names = ["arve 42.pdf", "Arve nr 42 — õüäö, väga pikk failinimi mis ei mahu ühele reale.pdf", "data.csv"]
        let attachments = names.map {
            OutgoingMessage.Attachment(filename: $0, contentType: MessageComposer.contentType(forFileName: $0), data: binary)
        }
        let bytes = try MessageComposer.compose(Self.message(attachments: attachments))
        Self.checkLines(bytes)
        let part = MIMEParser.parse(bytes)
        #expect(part.contentType.mimeType == "multipart/mixed")
        let parts = part.parts
        try #require(parts.count == 4)
        #expect(parts[0].text?.hasPrefix("Tere!") == true)
        for (index, name) in names.enumerated() {
            let attachment = parts[index + 1]
            guard case .binary(let data) = attachment.content else {
                if case .text(let text) = attachment.content, name.hasSuffix(".csv") {
                    #expect(Array(text.utf8).count > 0)
                    continue
                }
                Issue.record("expected binary for \(name)")
                continue
            }
            #expect(data == binary)
            #expect(attachment.contentType.parameter("name") == name)
            #expect(attachment.headers["content-disposition"]?.hasPrefix("attachment") == true)
            #expect(attachment.headers["content-transfer-encoding"] == "base64")
        }
        #expect(parts[1].contentType.mimeType == "application/pdf")
        #expect(parts[2].headers["content-disposition"]?.contains("filename*0*=UTF-8''Arve%20nr%2042%20%E2%80%94") == true)
    }

    static let injections: [OutgoingMessage] = {
        var list: [OutgoingMessage] = []
        var message = Self.message()
        message.subject = "Hi\r\nBcc: victim@example.com"
        list.append(message)
        message = Self.message()
        message.extraHeaders = [("X-Tag", "a\nBcc: victim@example.com")]
        list.append(message)
        message = Self.message()
        message.extraHeaders = [("X-Tag\r\nBcc", "a")]
        list.append(message)
        message = Self.message()
        message.from.name = "Evil\r\nBcc: victim@example.com"
        list.append(message)
        message = Self.message()
        message.to = [MailboxAddress("a@example.com>\r\nBcc: victim@example.com")]
        list.append(message)
        message = Self.message()
        message.messageID = "x@y>\r\nBcc: v@example.com"
        list.append(message)
        message = Self.message()
        message.attachments = [.init(filename: "a\r\n.pdf", contentType: "application/pdf", data: [1])]
        list.append(message)
        return list
    }()

    @Test(arguments: injections)
    func headerInjectionIsRefused(_ message: OutgoingMessage) {
        #expect(throws: ComposeError.self) { try MessageComposer.compose(message) }
    }

    @Test(arguments: ["", "no-at", "a@b@c", "a b@c", "<a@b>", "@b", "a@"])
    func invalidAddressesAreRefused(_ address: String) {
        var message = Self.message()
        message.to = [MailboxAddress(address)]
        #expect {
            try MessageComposer.compose(message)
        } throws: { error in
            (error as? ComposeError)?.code == .invalidAddress
        }
    }

    @Test func noRecipientsIsRefused() {
        var message = Self.message()
        message.to = []
        message.cc = []
        #expect(throws: ComposeError.self) { try MessageComposer.compose(message) }
    }

    @Test(arguments: [("Arve.PDF", "application/pdf"), ("a.txt", "text/plain"), ("a.csv", "text/csv"), ("x.html", "text/html"),
                      ("x.xml", "application/xml"), ("p.png", "image/png"), ("p.JPG", "image/jpeg"), ("p.jpeg", "image/jpeg"),
                      ("g.gif", "image/gif"), ("z.zip", "application/zip"), ("d.doc", "application/msword"),
                      ("d.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                      ("s.xls", "application/vnd.ms-excel"),
                      ("s.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                      ("m.eml", "application/octet-stream"), ("noext", "application/octet-stream"), (".hidden", "application/octet-stream")])
    func contentTypes(_ name: String, _ type: String) {
        #expect(MessageComposer.contentType(forFileName: name) == type)
    }
}
