/// An IP address of a certificate's subject alternative names, written as people write it:
/// IPv4 dotted (`127.0.0.1`), IPv6 in RFC 5952 form (`::1`, `2001:db8::8:800:200c:417a`).
struct IPAddressText: CustomStringConvertible {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var description: String {
        switch bytes.count {
        case 4:
            return bytes.map(String.init).joined(separator: ".")
        case 16:
            return Self.ipv6(bytes)
        default:
            // Not an address (RFC 5280 §4.2.1.6 allows 4 or 16 octets): show the octets.
            return bytes.map { String($0, radix: 16) }.joined(separator: ":")
        }
    }

    /// RFC 5952 §4: lowercase hex groups without leading zeros; the longest run of two or more zero
    /// groups (the first, on a tie) becomes `::`.
    private static func ipv6(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                let run = runStart..<index
                if run.count >= 2, run.count > (best?.count ?? 0) { best = run }
                start = nil
            }
        }
        func text(_ slice: ArraySlice<UInt16>) -> String {
            slice.map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard let best else { return text(groups[...]) }
        return text(groups[..<best.lowerBound]) + "::" + text(groups[best.upperBound...])
    }
}
