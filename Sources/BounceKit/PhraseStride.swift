/// Which stretches of a text may hold one of a list's phrases, read at every `stride`-th offset
/// only (a q-gram filter). Every phrase is at least `stride + 2` bytes long, so its first `stride`
/// offsets hold one multiple of `stride`, the probe, and the three bytes there are three bytes of
/// the phrase's first `stride + 2`. A probe whose three bytes are no such bytes of any phrase rules
/// out every start in its window, `probe - stride + 1 ... probe`; the windows of all probes are
/// every offset a phrase can start at.
struct PhraseStride: Sendable {
    /// Bytes read at a probe.
    static let gram = 3

    /// Offsets between probes: the shortest phrase's length less two.
    let stride: Int
    /// One bit per hash of three bytes, set for those at the first `stride` offsets of a phrase.
    private let bits: [UInt64]

    /// Nil when a phrase is too short for probes to skip anything (four bytes or more each).
    init?(_ phrases: [UnsafeBufferPointer<UInt8>]) {
        guard let shortest = phrases.lazy.map(\.count).min(), shortest > Self.gram else { return nil }
        stride = shortest - Self.gram + 1
        var bits = [UInt64](repeating: 0, count: Self.words)
        for phrase in phrases {
            for start in 0..<stride {
                let hash = Self.hash(phrase[start], phrase[start + 1], phrase[start + 2])
                bits[hash >> 6] |= 1 << UInt64(hash & 63)
            }
        }
        self.bits = bits
    }

    /// 2^16 bits.
    private static let words = 1 << 10

    @inline(__always)
    private static func hash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let packed = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
        return Int(truncatingIfNeeded: (packed &* 2_654_435_761) >> 16)
    }

    /// Calls `body` with the window of each probe of `haystack` whose three bytes may be a phrase's,
    /// first to last (last to first when `backward`), until `body` returns true. Offsets outside
    /// every window start no phrase.
    @inline(__always)
    func forEachPromisingWindow(in haystack: UnsafeBufferPointer<UInt8>, backward: Bool = false,
                                _ body: (ClosedRange<Int>) -> Bool) {
        guard haystack.count >= Self.gram else { return }
        // The last probe with three bytes to read.
        let last = (haystack.count - Self.gram) / stride * stride
        bits.withUnsafeBufferPointer { bits in
            var probe = backward ? last : 0
            while probe >= 0, probe <= last {
                let hash = Self.hash(haystack[probe], haystack[probe + 1], haystack[probe + 2])
                if bits[hash >> 6] & 1 << UInt64(hash & 63) != 0, body(max(0, probe - stride + 1)...probe) { return }
                probe += backward ? -stride : stride
            }
        }
    }
}
