import MailModel

/// The error challenge an XOAUTH2 or OAUTHBEARER server sends after rejecting a token (RFC 7628
/// §3.2.2): base64 of JSON such as `{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}`.
/// A `334` carrying it is a continuation, never the cause; its decoded status is.
struct OAuthChallenge: Sendable, Equatable {
    var status: String?
    var scope: String?

    /// Reads `status` and `scope` from decoded JSON (flat string members only).
    init(json: String) {
        status = Self.member("status", in: json)
        scope = Self.member("scope", in: json)
    }

    init(status: String?, scope: String?) {
        self.status = status
        self.scope = scope
    }

    /// The JSON in a `334 eyJ…` reply text, if it decodes.
    static func decodedJSON(fromChallenge text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("eyJ"), let bytes = base64Decoded(trimmed) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// What the status means, for the cause.
    var meaning: String {
        switch status?.lowercased() {
        case "401", "invalid_token": return "the access token is invalid or expired (status \(status ?? "401"))"
        case "400", "invalid_request":
            return "the request was refused, often because the user name does not match the token's account "
                + "(status \(status ?? "400"))"
        case "403", "insufficient_scope": return "the token lacks the permission (scope) to send mail (status \(status ?? "403"))"
        case let other?: return "the server's OAuth status was \(other)"
        case nil: return "the server gave no OAuth status"
        }
    }

    static func member(_ name: String, in json: String) -> String? {
        guard let key = json.firstRange(of: "\"\(name)\"") else { return nil }
        var rest = json[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\t" }
        guard rest.first == "\"" else { return nil }
        rest = rest.dropFirst()
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// RFC 4648 §4 base64; nil for anything else.
    static func base64Decoded(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in text.utf8 {
            let value: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte) - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(byte) - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte) - 48 + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> bits) & 0xFF))
                buffer &= (1 << bits) - 1
            }
        }
        return output
    }
}
