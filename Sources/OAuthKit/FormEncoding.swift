import Foundation

/// application/x-www-form-urlencoded (WHATWG URL §5) and query strings, spelled out because
/// URLComponents leaves "+", "&" and "=" inside values unescaped, which servers read as
/// spaces or separators: a scope or a code with such a character would arrive mangled.
enum FormEncoding {
    /// Unreserved characters of RFC 3986 §2.3; everything else is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// Decodes "a=b&c=d" ("+" is a space); repeated names keep their first value.
    static func decode(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(parts[0]))
            let value = parts.count > 1 ? unescape(String(parts[1])) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `url` with `fields` appended to its query (keeping any query it already has).
    static func url(_ url: URL, adding fields: [(String, String)]) -> URL {
        var text = url.absoluteString
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        let joiner = url.query == nil ? "?" : (text.hasSuffix("&") || text.hasSuffix("?") ? "" : "&")
        return URL(string: text + joiner + encode(fields)) ?? url
    }
}
