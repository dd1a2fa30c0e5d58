#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

import MailModel

/// Searches in plain ASCII text (see `PlainASCII`) for the byte paths of BounceKit.
extension PlainASCII {
    /// Whether `line` holds `needle`, byte for byte.
    static func contains<Line: Collection<UInt8>>(_ line: Line, exactly needle: [UInt8]) -> Bool {
        contains(line, needle) { $0 }
    }

    /// Whether `line`, its ASCII letters lowercased, holds the lowercase `needle`.
    static func contains<Line: Collection<UInt8>>(_ line: Line, lowercase needle: [UInt8]) -> Bool {
        contains(line, needle, PlainASCII.lowercased)
    }

    private static func contains<Line: Collection<UInt8>>(_ line: Line, _ needle: [UInt8], _ fold: (UInt8) -> UInt8) -> Bool {
        guard !needle.isEmpty else { return true }
        guard line.count >= needle.count else { return false }
        var start = line.startIndex
        let last = line.index(line.endIndex, offsetBy: -needle.count)
        while true {
            var index = start
            var matched = 0
            while matched < needle.count, fold(line[index]) == needle[matched] {
                matched += 1
                line.formIndex(after: &index)
            }
            if matched == needle.count { return true }
            if start == last { return false }
            line.formIndex(after: &start)
        }
    }

    /// Whether the UTF-8 of `text` holds `needle`'s bytes. For an ASCII `needle` this is implied by
    /// `text.contains(needle)` (an ASCII character equals only itself), so `false` here means
    /// `text.contains(needle)` is false too; `true` means it may be (the `Character`-wise search
    /// decides). A non-ASCII `needle` always gives `true`.
    static func mayContain(_ text: String, _ needle: String) -> Bool {
        var needle = needle
        var text = text
        return needle.withUTF8 { needleBytes in
            guard !needleBytes.contains(where: { $0 >= 0x80 }) else { return true }
            guard let needleBase = needleBytes.baseAddress, !needleBytes.isEmpty else { return true }
            return text.withUTF8 { textBytes in
                guard let textBase = textBytes.baseAddress else { return false }
                let last = textBytes.count - needleBytes.count
                var position = 0
                let first = Int32(needleBytes[0])
                while position <= last, let hit = memchr(textBase + position, first, last - position + 1) {
                    let found = textBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(textBase + found, needleBase, needleBytes.count) == 0 { return true }
                    position = found + 1
                }
                return false
            }
        }
    }
}
