/// A list of phrases searched for together in one pass over a text: which phrase of the list,
/// earliest in list order, the text holds anywhere (what `phrases.firstIndex(where: text.contains)`
/// gives), at a cost that grows with the text and hardly with the list. Each phrase is filed under
/// its first two bytes; at each offset of the text only the phrases filed under the two bytes
/// there are compared.
struct PhraseIndex: Sendable {
    /// Buckets of phrases by a hash of their first two bytes.
    private static let bucketBits = 12
    /// For bucket b, `candidates[bucketStarts[b]..<bucketStarts[b + 1]]` are the indices of the
    /// phrases (of two bytes or more) filed there, in ascending order.
    private let bucketStarts: [Int32]
    private let candidates: [Int32]
    /// Every phrase's bytes, one after the other, and where each starts and ends.
    private let phraseBytes: [UInt8]
    private let phraseStarts: [Int32]
    /// The phrases of one byte, in ascending order (tested with a byte search).
    private let singleBytePhrases: [(index: Int32, byte: UInt8)]
    /// The offsets worth comparing at, when every phrase is four bytes or longer: a text is then
    /// read at every `stride.stride`-th offset, and compared only around the promising ones.
    let stride: PhraseStride?

    init(_ phrases: [Phrase]) {
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        // Each phrase's first two bytes (nil for shorter ones), read with its bytes in one pass.
        var heads: [(first: UInt8, second: UInt8)?] = []
        heads.reserveCapacity(phrases.count)
        var singles: [(index: Int32, byte: UInt8)] = []
        for (index, phrase) in phrases.enumerated() {
            phrase.withBytes { own in
                bytes.append(contentsOf: own)
                // An empty phrase is never found (`SearchText.contains`).
                if own.count == 1 { singles.append((Int32(index), own[0])) }
                heads.append(own.count >= 2 ? (own[0], own[1]) : nil)
            }
            starts.append(Int32(bytes.count))
        }
        phraseBytes = bytes
        phraseStarts = starts
        let bucketCount = 1 << Self.bucketBits
        var counts = [Int32](repeating: 0, count: bucketCount + 1)
        for case let head? in heads { counts[Self.bucket(head.first, head.second) + 1] += 1 }
        for bucket in 0..<bucketCount { counts[bucket + 1] += counts[bucket] }
        var filled = counts
        var list = [Int32](repeating: 0, count: Int(counts[bucketCount]))
        for (index, head) in heads.enumerated() {
            guard let head else { continue }
            let bucket = Self.bucket(head.first, head.second)
            list[Int(filled[bucket])] = Int32(index)
            filled[bucket] += 1
        }
        bucketStarts = counts
        candidates = list
        singleBytePhrases = singles
        // Empty phrases are never found; a phrase of one byte can start anywhere.
        stride = singles.isEmpty ? bytes.withUnsafeBufferPointer { all in
            PhraseStride(phrases.indices.compactMap { index in
                let range = Int(starts[index])..<Int(starts[index + 1])
                return range.isEmpty ? nil : UnsafeBufferPointer(rebasing: all[range])
            })
        } : nil
    }

    @inline(__always)
    private static func bucket(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) << 5 ^ Int(second)) & ((1 << bucketBits) - 1)
    }

    /// The index of the first phrase in list order that `text` holds, or nil.
    func firstMatch(in text: SearchText) -> Int? {
        if let stride { return firstMatch(in: text, stride: stride) }
        var best = Int32.max
        for single in singleBytePhrases where single.index < best && text.bytes.contains(single.byte) {
            best = single.index
        }
        text.bytes.withUnsafeBufferPointer { haystack in
            phraseBytes.withUnsafeBufferPointer { phrases in
                bucketStarts.withUnsafeBufferPointer { starts in
                    candidates.withUnsafeBufferPointer { candidates in
                        phraseStarts.withUnsafeBufferPointer { phraseStarts in
                            let count = haystack.count
                            var offset = 0
                            while offset + 1 < count, best > 0 {
                                let bucket = Self.bucket(haystack[offset], haystack[offset + 1])
                                var next = Int(starts[bucket])
                                let end = Int(starts[bucket + 1])
                                while next < end {
                                    let index = candidates[next]
                                    // Candidates ascend: none after a found one can win.
                                    if index >= best { break }
                                    let start = Int(phraseStarts[Int(index)])
                                    let length = Int(phraseStarts[Int(index) + 1]) - start
                                    if offset + length <= count {
                                        var matched = 0
                                        while matched < length, haystack[offset + matched] == phrases[start + matched] { matched += 1 }
                                        if matched == length { best = index; break }
                                    }
                                    next += 1
                                }
                                offset += 1
                            }
                        }
                    }
                }
            }
        }
        return best == Int32.max ? nil : Int(best)
    }

    /// `firstMatch(in:)` compared only in the windows of the probes that may hold a phrase.
    private func firstMatch(in text: SearchText, stride: PhraseStride) -> Int? {
        var best = Int32.max
        withScanner(text) { scanner in
            stride.forEachPromisingWindow(in: scanner.haystack) { window in
                for offset in window {
                    if let index = scanner.firstMatching(at: offset), index < best { best = index }
                }
                return best == 0
            }
        }
        return best == Int32.max ? nil : Int(best)
    }

    /// Where the phrase that starts first in `text` starts, and which phrase that is: of several
    /// starting there, the first in list order. The earliest of the phrases' first offsets, read in
    /// one pass that stops there.
    func earliestMatch(in text: SearchText) -> (index: Int, offset: Int)? {
        firstStart(in: text, backward: false)
    }

    /// Where the phrase that starts last in `text` starts, and which phrase that is: of several
    /// starting there, the first in list order. The latest of the phrases' last offsets, read in
    /// one pass from the end that stops there.
    func latestMatch(in text: SearchText) -> (index: Int, offset: Int)? {
        firstStart(in: text, backward: true)
    }

    /// The first offset of `text`, read from its start (or from its end when `backward`), where a
    /// phrase starts, and the first phrase in list order there.
    private func firstStart(in text: SearchText, backward: Bool) -> (index: Int, offset: Int)? {
        withScanner(text) { scanner in
            func first(in offsets: some Sequence<Int>) -> (index: Int, offset: Int)? {
                for offset in offsets {
                    if let index = scanner.firstMatching(at: offset) { return (Int(index), offset) }
                }
                return nil
            }
            guard let stride else {
                let all = 0..<scanner.haystack.count
                return backward ? first(in: all.reversed()) : first(in: all)
            }
            var found: (index: Int, offset: Int)?
            stride.forEachPromisingWindow(in: scanner.haystack, backward: backward) { window in
                found = backward ? first(in: window.reversed()) : first(in: window)
                return found != nil
            }
            return found
        }
    }

    private func withScanner<Result>(_ text: SearchText, _ body: (Scanner) -> Result) -> Result {
        text.bytes.withUnsafeBufferPointer { haystack in
            phraseBytes.withUnsafeBufferPointer { phrases in
                bucketStarts.withUnsafeBufferPointer { starts in
                    candidates.withUnsafeBufferPointer { candidates in
                        phraseStarts.withUnsafeBufferPointer { phraseStarts in
                            singleBytePhrases.withUnsafeBufferPointer { singles in
                                body(Scanner(haystack: haystack, phrases: phrases, bucketStarts: starts, candidates: candidates,
                                             phraseStarts: phraseStarts, singles: singles))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The index's arrays and a text, for tests at one offset at a time.
    private struct Scanner {
        let haystack: UnsafeBufferPointer<UInt8>
        let phrases: UnsafeBufferPointer<UInt8>
        let bucketStarts: UnsafeBufferPointer<Int32>
        let candidates: UnsafeBufferPointer<Int32>
        let phraseStarts: UnsafeBufferPointer<Int32>
        let singles: UnsafeBufferPointer<(index: Int32, byte: UInt8)>

        /// The first phrase in list order that starts at `offset`, or nil.
        @inline(__always)
        func firstMatching(at offset: Int) -> Int32? {
            var found: Int32?
            let byte = haystack[offset]
            for single in singles where single.byte == byte && single.index < found ?? Int32.max { found = single.index }
            guard offset + 1 < haystack.count else { return found }
            let bucket = PhraseIndex.bucket(byte, haystack[offset + 1])
            var next = Int(bucketStarts[bucket])
            let end = Int(bucketStarts[bucket + 1])
            while next < end {
                let index = candidates[next]
                next += 1
                // Candidates ascend: none after a found one can win.
                if index >= found ?? Int32.max { break }
                let start = Int(phraseStarts[Int(index)])
                let length = Int(phraseStarts[Int(index) + 1]) - start
                guard offset + length <= haystack.count else { continue }
                var matched = 0
                while matched < length, haystack[offset + matched] == phrases[start + matched] { matched += 1 }
                if matched == length { found = index }
            }
            return found
        }
    }
}
