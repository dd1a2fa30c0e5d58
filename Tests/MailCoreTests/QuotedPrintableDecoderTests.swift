@testable import MailCore
import Testing

/// `QuotedPrintableDecoder` copies the runs between "=" signs whole; it must decode as reading one
/// byte at a time does (RFC 2045 §6.7: `=XY` a byte, `=` blanks line break a soft break, any other
/// `=` kept), up to the body's last byte.
@Suite("Quoted-printable decoding")
struct QuotedPrintableDecoderTests {
    /// The byte-at-a-time reading the decoder must equal.
    static func byteByByte(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else { out.append(byte); index += 1; continue }
            if index + 2 < bytes.count, let high = QuotedPrintableDecoder.hex(bytes[index + 1]),
               let low = QuotedPrintableDecoder.hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            var next = index + 1
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            if next == bytes.count {
                index = next
            } else if bytes[next] == 0x0A {
                index = next + 1
            } else if bytes[next] == 0x0D, next + 1 < bytes.count, bytes[next + 1] == 0x0A {
                index = next + 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer(QuotedPrintableDecoder.decode)
    }

    @Test(arguments: [
        ("caf=C3=A9 au lait", "café au lait"),
        ("soft=\nbreak", "softbreak"),
        ("soft= \t\r\nbreak", "softbreak"),
        ("lower=c3=a9", "loweré"),
        ("kept =ZZ and =\r", "kept =ZZ and =\r"),
        ("ends in =", "ends in "),
        ("ends in =4", "ends in =4"),
        ("=3D=3D", "=="),
        ("", ""),
    ])
    func decodes(_ encoded: String, _ decoded: String) {
        #expect(Self.decode(Array(encoded.utf8)) == Array(decoded.utf8))
    }

    @Test func generatedBodiesDecodeAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("=aF3 \t\r\n9z".utf8) + [0x00, 0xFF]
        for _ in 0..<20_000 {
            let body = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.decode(body) == Self.byteByByte(body), "\(body)")
        }
    }
}
