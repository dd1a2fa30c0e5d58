/// Text for SQLite's `LIKE … ESCAPE '\'`: the one escaping every filter that matches a piece of
/// text (a domain, a subject, an address) uses.
package enum LikePattern {
    /// `text` with LIKE's wildcards (`%`, `_`) and the escape character made literal.
    package static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
