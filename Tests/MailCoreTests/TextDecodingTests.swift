@testable import MailCore
import MailModel
import Testing

/// The one-copy paths give what the general ones give.
@Suite("Text decoding")
struct TextDecodingTests {
    static let inputs: [[UInt8]] = {
        var inputs: [[UInt8]] = [[], Array("plain ascii value".utf8), Array("caf\u{E9} \u{65E5}".utf8), [0xE9, 0x61], [0x61, 0xC3], [0x00, 0x7F]]
        for byte in UInt8.min...UInt8.max { inputs.append([0x61, byte, 0x62]) }
        for length in 0..<20 { inputs.append(Array(repeating: 0x61, count: length) + [0xC3, 0xA9] + Array(repeating: 0x62, count: length)) }
        return inputs
    }()

    @Test func asciiAndOtherBytesDecodeAsTheGeneralPathDecodesThem() {
        for input in Self.inputs {
            let general = Text.decodeUTF8OrLatin1(input[...])
            #expect(input.withUnsafeBufferPointer(Text.decodeUTF8OrLatin1) == general, "\(input)")
            #expect(Text.decodeUTF8OrLatin1(input) == general, "\(input)")
        }
    }

    @Test func aSubstringHoldsAByteWhereItsBytesDo() {
        let text = "ab@c\u{E9}d\nxyz"
        for start in 0...text.utf8.count {
            for end in start...text.utf8.count {
                let utf8 = text.utf8
                let slice = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
                for byte: UInt8 in [0x40, 0x0A, 0xC3, 0x7A, 0x00] {
                    #expect(slice.utf8Contains(byte) == slice.utf8.contains(byte))
                }
                #expect(slice.utf8Bytes == Array(slice.utf8))
                for from in slice.utf8.indices + [slice.utf8.endIndex] {
                    for byte: UInt8 in [0x40, 0x0A, 0x7A] {
                        #expect(slice.utf8.firstIndex(ofByte: byte, from: from) == slice.utf8[from...].firstIndex(of: byte))
                    }
                }
            }
        }
    }

    @Test func charsetNamesAreReadAsBefore() {
        let names: [String?] = [nil, "", "UTF-8", " \"ISO-8859-1\" ", "'koi8-r'", "\tWindows-1252\t", "\"\"", "utf-8\r",
                                "\u{130}SO-8859-9", "\"\u{301}utf-8\"", "x\"y", "  ", "Shift_JIS;", "\u{1F600}"]
        for name in names {
            #expect(Text.charsetName(name) == (name ?? "").lowercased().trimmingCharacters(in: " \t\"'"), "\(String(describing: name))")
        }
    }
}
