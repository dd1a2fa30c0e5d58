/// The text of an HTML body, for reports that come only as `text/html` (Microsoft 365): tags
/// removed, `<br>`, `<p>`, `<tr>` and `<div>` made line breaks, the common entities decoded.
enum HTMLText {
    static func plain(_ html: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.utf8.count / 2)
        var inTag = false
        var tag: [UInt8] = []
        for byte in html.utf8 {
            if inTag {
                if byte == 0x3E { // >
                    inTag = false
                    let name = tag.prefix(while: { $0 != 0x20 && $0 != 0x2F || tag.first == 0x2F }).map { $0 | 0x20 }
                    let trimmed = name.first == 0x2F ? Array(name.dropFirst()) : name
                    if [Array("br".utf8), Array("p".utf8), Array("tr".utf8), Array("div".utf8), Array("li".utf8)].contains(trimmed) {
                        output.append(0x0A)
                    }
                } else if tag.count < 16 {
                    tag.append(byte)
                }
            } else if byte == 0x3C { // <
                inTag = true
                tag.removeAll(keepingCapacity: true)
            } else {
                output.append(byte == 0x0D ? 0x20 : byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
            .replacingAll("&nbsp;", with: " ").replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
            .replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'").replacingAll("&amp;", with: "&")
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation in BounceKit).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    private func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
