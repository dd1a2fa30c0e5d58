import MailModel
import Testing

/// The eight-bytes-at-once tests the scans skip by must be exact: every byte value at every
/// position of the word, against a filler that matches nothing.
@Suite("ByteWord")
struct ByteWordTests {
    @Test func everyByteAtEveryPositionIsFoundAndNoOtherIs() {
        let filler = UInt8(ascii: "a")
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: filler, count: 8)
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
                for probe in [0x00, 0x0D, 0x22, 0x28, 0x5C, 0x7F, 0x80, 0xFF, value] {
                    let expected = bytes.contains(UInt8(probe))
                    #expect(ByteWord.hasByte(word, UInt8(probe)) == expected, "\(value) at \(position), probe \(probe)")
                }
                for limit in [1, 0x20, 0x21, 0x61, 0x62, 0x80] {
                    #expect(ByteWord.hasByteBelow(word, UInt8(limit)) == bytes.contains { $0 < limit },
                            "\(value) at \(position), limit \(limit)")
                }
                #expect(ByteWord.hasNonASCII(word) == (value >= 0x80))
            }
        }
    }
}
