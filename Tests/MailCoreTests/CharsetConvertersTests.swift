@testable import MailCore
import MailModel
import Testing

/// The converters kept open must convert exactly as libetpan's own iconv path does, for every
/// charset and every byte sequence, valid or not: bodies (`charconv_buffer`), encoded words
/// (`mailmime_encoded_phrase_parse`) and the MIME fields libetpan decodes while parsing.
@Suite("Charset converters")
struct CharsetConvertersTests {
    /// Single-byte, multibyte, stateful and 7-bit charsets, names libetpan maps to others (gb2312,
    /// iso-2022-jp, ks_c_5601-1987), UTF-16's odd lengths, and names iconv does not know.
    static let charsets = ["iso-8859-1", "windows-1252", "iso-8859-2", "koi8-r", "shift_jis", "euc-jp", "iso-2022-jp", "gb2312",
                           "big5", "ks_c_5601-1987", "utf-8", "us-ascii", "utf-16", "utf-7", "hz-gb-2312", "x-no-such-charset", ""]

    /// Byte sequences that reach every path: each byte alone and before ASCII, pairs of high
    /// bytes (lead and trail bytes of the multibyte charsets), truncated sequences, escape
    /// sequences, and longer runs mixing them.
    static let inputs: [[UInt8]] = {
        var inputs: [[UInt8]] = []
        for byte in UInt8.min...UInt8.max {
            inputs.append([byte])
            inputs.append([byte, 0x61, byte])
        }
        for lead in stride(from: 0x80, through: 0xFF, by: 7) {
            for trail in stride(from: 0x30, through: 0xFF, by: 11) { inputs.append([UInt8(lead), UInt8(trail), 0x20]) }
        }
        inputs += [Array("caf\u{E9} \u{65E5}\u{672C} \u{1F600}".utf8), [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x1B, 0x28, 0x42],
                   [0x1B, 0x24, 0x42, 0x46], [0x2B, 0x41, 0x47, 0x45, 0x2D], [0x7E, 0x7B, 0x42, 0x3B, 0x7E, 0x7D],
                   [0xE6, 0x97], [0xFF, 0xFE, 0x41], Array(repeating: 0xE9, count: 300), []]
        return inputs
    }()

    @Test func bodiesConvertAsLibetpanConvertsThem() {
        for charset in Self.charsets {
            let own = CharsetConverters.withLibetpansOwnConversion { Self.inputs.map { Text.decode($0, charset: charset) } }
            let kept = CharsetConverters.withKeptConversion { Self.inputs.map { Text.decode($0, charset: charset) } }
            for (index, input) in Self.inputs.enumerated() {
                #expect(kept[index] == own[index], "\(charset): \(input)")
            }
        }
    }

    @Test func encodedWordsDecodeAsLibetpanDecodesThem() {
        // Every byte as Q-encoding's =XX, so any sequence fits in a word; plain words around it.
        let values = Self.charsets.flatMap { charset in
            Self.inputs.map { input in
                "x =?\(charset)?q?" + input.map { "=" + String($0, radix: 16, uppercase: true).leftPadded() }.joined() + "?= y"
            }
        }
        let own = CharsetConverters.withLibetpansOwnConversion { values.map(EncodedWords.decode) }
        let kept = CharsetConverters.withKeptConversion { values.map(EncodedWords.decode) }
        for (index, value) in values.enumerated() {
            #expect(kept[index] == own[index], "\(value)")
        }
    }

    @Test func mimeFieldsParseAsLibetpanParsesThem() {
        let messages = Self.charsets.map { charset in
            Array(("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=\(charset); name=\"=?\(charset)?q?caf=E9=88=A4?=\"\n"
                + "Content-Description: =?\(charset)?b?w6nkuK0=?= plain words\n"
                + "Content-Disposition: attachment; filename=\"=?\(charset)?q?=1B=24B=46=7C?=\"\n\nbody \u{E9}\n--b--\n").utf8)
        }
        // MIMEPart is not Equatable: its full description holds every field, part and text.
        let own = CharsetConverters.withLibetpansOwnConversion { messages.map { String(reflecting: MIMEParser.parse($0)) } }
        let kept = CharsetConverters.withKeptConversion { messages.map { String(reflecting: MIMEParser.parse($0)) } }
        for index in messages.indices {
            #expect(kept[index] == own[index], "\(Self.charsets[index])")
        }
    }

    /// More charset pairs than are kept: the rest are opened, used and closed, and still convert.
    @Test func charsetsBeyondTheKeptOnesStillConvert() {
        let names = (1...16).flatMap { ["iso-8859-\($0)", "cp12\(50 + $0 % 9)", "ibm8\(50 + $0)"] }
        #expect(names.count > CharsetConverters.capacity)
        let input: [UInt8] = [0x41, 0xE9, 0xC4]
        let own = CharsetConverters.withLibetpansOwnConversion { names.map { Text.decode(input, charset: $0) } }
        for _ in 0..<2 {
            #expect(CharsetConverters.withKeptConversion { names.map { Text.decode(input, charset: $0) } } == own)
        }
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}
