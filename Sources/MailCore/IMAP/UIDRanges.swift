/// UIDs folded into ascending closed ranges, the shape of an IMAP sequence set (`1:3,7`).
struct UIDRanges: Sequence {
    private let ranges: [ClosedRange<UInt32>]

    init(_ uids: [UInt32]) {
        var ranges: [ClosedRange<UInt32>] = []
        for uid in uids.sorted() {
            if let last = ranges.last, uid <= last.upperBound &+ 1, last.upperBound != .max {
                ranges[ranges.count - 1] = last.lowerBound...Swift.max(uid, last.upperBound)
            } else if let last = ranges.last, uid <= last.upperBound {
                continue
            } else {
                ranges.append(uid...uid)
            }
        }
        self.ranges = ranges
    }

    func makeIterator() -> IndexingIterator<[ClosedRange<UInt32>]> {
        ranges.makeIterator()
    }
}
