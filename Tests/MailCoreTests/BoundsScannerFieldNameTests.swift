@testable import MailCore
import Testing

/// `BoundsScanner.fieldName` skips eight bytes at a time while all are field-name bytes; it must
/// find what reading a byte at a time finds, wherever the first other byte falls.
@Suite("Bounds scanner field names")
struct BoundsScannerFieldNameTests {
    /// The reading a byte at a time: `1*ftext` (%d33-57 / %d59-126), white space, ":".
    static func reference(_ line: [UInt8]) -> (end: Int, colon: Int)? {
        var index = 0
        while index < line.count, line[index] >= 33, line[index] <= 126, line[index] != 0x3A { index += 1 }
        guard index > 0 else { return nil }
        let end = index
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        return index < line.count && line[index] == 0x3A ? (end, index) : nil
    }

    @Test func theWordAtATimeSkipFindsWhatTheByteLoopFinds() {
        var fields = 0
        for length in 0..<20 {
            for stop in [0x00, 0x09, 0x20, 0x21, 0x3A, 0x7E, 0x7F, 0x80, 0xC3, 0xFF] {
                for position in 0..<max(length, 1) {
                    var line = [UInt8](repeating: UInt8(ascii: "Q"), count: length)
                    if position < length { line[position] = UInt8(stop) }
                    for tail in [[], [0x3A, 0x20, 0x78], [0x20, 0x09, 0x3A], [0x20, 0x78]] as [[UInt8]] {
                        let full = line + tail
                        let found = full.withUnsafeBufferPointer { BoundsScanner.fieldName($0) }
                        let expected = Self.reference(full)
                        #expect(found?.end == expected?.end && found?.colon == expected?.colon, "\(full)")
                        if expected != nil { fields += 1 }
                    }
                }
            }
        }
        #expect(fields > 100)
    }
}
