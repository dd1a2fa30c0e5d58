@testable import MailCore
import MailModel
import TestSupport
import Testing

/// `OptionalFields` reads header sections the way libetpan's `mailimf_optional_fields_parse` does
/// (RFC 5322 §3.6.8 optional-field, with libetpan's CFWS before the colon, its line-break states and
/// its NUL cut): the same fields, names and raw values as libetpan's own parse, on sections made of
/// the bytes where the two could part.
@Suite("Optional fields")
struct OptionalFieldsTests {
    /// The fields `OptionalFields` finds in `bytes`, as name and raw value bytes.
    static func fields(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.withUnsafeBufferPointer { buffer in
            var fields: [[UInt8]] = []
            OptionalFields(buffer).forEach { field in
                fields.append(Array(buffer[field.name]))
                fields.append(Array(buffer[field.value]))
            }
            return fields
        }
    }

    /// The fields libetpan's parse finds in `bytes`, in the same shape.
    static func libetpan(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { HeaderParser.libetpanFields($0) }
        }.flatMap { [$0.name, $0.value] }
    }

    /// Sections where the readings could part, with what libetpan reads in them.
    @Test(arguments: [
        ("Subject: a\nTo: b\n\nbody", [["Subject", "a"], ["To", "b"]]),
        ("Subject: a\n b\n", [["Subject", "a\n b"]]),
        ("Subject: a\n \nTo: b\n", [["Subject", "a"], ["To", "b"]]),      // a line of spaces ends the value
        ("Subject: a\n \n \nTo: b\n", [["Subject", "a"]]),                // two such lines end the section
        ("Subject (note):a\n", [["Subject", "a"]]),                        // CFWS before the colon
        ("Subject (note) :a\n", []),                                        // but no space after a comment
        ("Subject (a (b) \\) c) :a\n", []),
        ("Subject\t:a\n", [["Subject", "a"]]),
        ("Subject (open:a\n", []),
        ("Subject: a\u{0}b\n", [["Subject", "a"]]),                       // strncpy stops at NUL
        ("Subject: a\r\nTo: b\r\n", [["Subject", "a"], ["To", "b"]]),
        ("Subject: a\r\r\nTo: b\n", [["Subject", "a\r\r"], ["To", "b"]]),
        ("Subject: a\r\r\r\nTo: b\n", [["Subject", "a\r\r"], ["To", "b"]]),
        ("Subject: a", []),                                                 // no line break: no field
        ("Subject:\n", [["Subject", ""]]),
        (": a\n", []),
        ("Sübject: a\n", [["Sübject", "a"]]),
    ])
    func readsAsLibetpanDoes(section: String, expected: [[String]]) {
        let bytes = Array(section.utf8)
        let expected = expected.flatMap { $0.map { Array($0.utf8) } }
        #expect(Self.libetpan(bytes) == expected)
        #expect(Self.fields(bytes) == expected)
    }

    /// Generated sections, with and without CR: the fields are libetpan's.
    @Test func generatedSectionsReadAsLibetpanReadsThem() {
        let names = ["Subject", "X-Tag", "a", "Sübject", "From ", "To\t", "(x)", ""]
        let pieces = [":", " ", "\t", "\n", "\n ", "\n\t", "\r", "\r\n", "(", ")", "\\", "a", "text", "=?utf-8?q?x?=",
                      "\u{0}", "é", "(c)", "(a (b))", " \n", "\n \n", ":\n"]
        var random = FixedSequence(seed: 77)
        var compared = 0
        for round in 0..<20_000 {
            var section = ""
            for _ in 0..<(random.next() % 6) {
                section += names[random.next() % names.count]
                section += (0..<(random.next() % 4)).map { _ in pieces[random.next() % pieces.count] }.joined()
                section += ":" + (0..<(random.next() % 6)).map { _ in pieces[random.next() % pieces.count] }.joined()
                section += random.next() % 8 == 0 ? "" : "\n"
            }
            var bytes = Array(section.utf8)
            if round % 2 == 0 { bytes.removeAll { $0 == 0x0D } }
            let expected = Self.libetpan(bytes)
            #expect(Self.fields(bytes) == expected, "\(bytes)")
            compared += expected.count / 2
        }
        #expect(compared > 10_000)
    }

    /// `HeaderParser.parse` names and decodes what `OptionalFields` finds.
    @Test func theParserUnfoldsAndDecodesEachValue() {
        let section = Array("Subject: =?utf-8?q?caf=C3=A9?=\n  au lait\nX-Note:  plain \n\nbody".utf8)
        let headers = section.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { HeaderParser.parse($0) }
        }
        #expect(headers.map(\.name) == ["Subject", "X-Note"])
        #expect(headers["subject"] == "café au lait")
        #expect(headers["x-note"] == "plain")
    }

    /// The parser keeps values raw in a copy of the section and decodes them when read: the value
    /// does not depend on the caller's buffer, which is overwritten here before it is read, and a
    /// field equals (and hashes as) the field made from its decoded value.
    @Test func valuesAreDecodedFromTheParsersOwnCopy() {
        var section = Array("From: =?iso-8859-1?q?J=F6rg?= <j@example.org>\nSubject: a\n b\nX-Tag: \u{E9}t\u{E9}\n\nbody".utf8)
        let headers = section.withUnsafeMutableBufferPointer { buffer in
            let headers = UnsafeBufferPointer(buffer).withMemoryRebound(to: CChar.self) { HeaderParser.parse($0) }
            for index in buffer.indices { buffer[index] = UInt8(ascii: "?") }
            return headers
        }
        section = []
        let expected = [HeaderField(name: "From", value: "Jörg <j@example.org>"), HeaderField(name: "Subject", value: "a b"),
                        HeaderField(name: "X-Tag", value: "été")]
        #expect(Array(headers) == expected)
        #expect(Set(headers) == Set(expected))
        #expect(headers.map(\.key) == ["from", "subject", "x-tag"])
        #expect(headers.all("SUBJECT") == ["a b"])
    }

    /// Fields are looked up without lowercasing their names: `hasKey` must agree with comparing the
    /// lowercased name, for ASCII names in any case and for names whose case mapping changes their
    /// length (U+212A KELVIN SIGN lowercases to "k").
    @Test func keysCompareAsLowercasedNames() {
        let names = ["Subject", "SUBJECT", "subject", "X-Failed-Recipients", "x-failed-recipientS", "Bac\u{212A}", "Back",
                     "BACK", "Ärger", "ärger", "", "S", "Subjec", "Subjects", "İd", "i\u{307}d"]
        for name in names {
            let field = HeaderField(name: name, value: "v")
            for other in names {
                let key = other.lowercased()
                #expect(field.hasKey(key) == (field.key == key), "\(name) / \(key)")
            }
        }
        let headers = HeaderFields([HeaderField(name: "Bac\u{212A}", value: "1"), HeaderField(name: "X-Tag", value: "2"),
                                    HeaderField(name: "x-tag", value: "3")])
        #expect(headers["back"] == "1")
        #expect(headers["X-TAG"] == "2" && headers.all("x-Tag") == ["2", "3"] && headers.contains("x-tag"))
        #expect(headers["x-ta"] == nil && !headers.contains("x-tags"))
    }
}
