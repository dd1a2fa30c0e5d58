@testable import EventsCLI
import Foundation
import Testing

/// JSON strings are escaped per RFC 8259 §7 wherever the byte stands: the writer skips eight bytes
/// at a time, so every offset around those steps is tried, and Foundation's parser reads it back.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test(arguments: [UInt8(0x00), 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x22, 0x5C, 0x7F])
    func anEscapedByteAtEveryOffsetReadsBack(byte: UInt8) throws {
        for offset in 0..<20 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: 24)
            bytes[offset] = byte
            bytes[23] = 0xC3 // "é" as the last two bytes: multi-byte text passes through as it is
            let text = String(decoding: bytes + [0xA9], as: UTF8.self)
            var writer = JSONObjectWriter()
            writer.field("k", text)
            let json = writer.finish()
            let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: String]
            #expect(object?["k"] == text, "byte \(byte) at \(offset)")
            #expect(!json.contains(byte) || byte == 0x22 || byte == 0x5C, "byte \(byte) at \(offset) written raw")
        }
    }
}
