extension Substring {
    /// The text's UTF-8 bytes, copied in one piece. `Array(substring.utf8)` copies a substring's
    /// view byte by byte through its iterator, several times the cost on every report line.
    public var utf8Bytes: [UInt8] {
        var text = self
        return text.withUTF8 { Array($0) }
    }
}
