/// Quoted-printable encoding of CRLF text (RFC 2045 §6.7): lines of at most 76 characters with
/// soft breaks, `=XX` for 8-bit bytes, '=' and white space at a line's end. Done here because
/// libetpan 1.9.4's encoder writes a line-final space twice (" =20").
enum QuotedPrintable {
    static func encoded(_ crlfText: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(crlfText.count * 3 / 2)
        var lines = crlfText.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            let content = line.last == 0x0D ? line.dropLast() : line
            var length = 0
            for (offset, byte) in zip(content.indices, content) {
                let isLast = offset == content.index(before: content.endIndex)
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                // A soft break "=" must fit too: at most 75 characters before it.
                if length + token.count > (isLast ? 76 : 75) {
                    output += [UInt8(ascii: "="), 0x0D, 0x0A]
                    length = 0
                }
                output += token
                length += token.count
            }
            output += [0x0D, 0x0A]
        }
        return output
    }
}
