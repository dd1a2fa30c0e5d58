import Foundation

/// The error challenge a server sends when it refuses an XOAUTH2 token: base64 of a JSON object such
/// as `{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}` (IMAP `+ eyJ…`, SMTP
/// `334 eyJ…`). It is a SASL continuation, not the answer: the client replies with an empty line and
/// then reads the real NO / 535.
public struct OAuth2Challenge: Sendable, Equatable, CustomStringConvertible {
    public var status: String?
    public var schemes: String?
    public var scope: String?
    /// The JSON (or whatever the challenge decoded to) as sent.
    public var decoded: String

    /// Decodes a challenge's base64 text; nil when it is not base64.
    public init?(base64 text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let data = Data(base64Encoded: Self.padded(trimmed)) else { return nil }
        decoded = String(decoding: data, as: UTF8.self)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        func field(_ name: String) -> String? {
            switch object?[name] {
            case let string as String: return string
            case let number as NSNumber: return number.stringValue
            default: return nil
            }
        }
        status = field("status")
        schemes = field("schemes")
        scope = field("scope")
    }

    private static func padded(_ text: String) -> String {
        let remainder = text.count % 4
        return remainder == 0 ? text : text + String(repeating: "=", count: 4 - remainder)
    }

    public var description: String {
        var parts: [String] = []
        if let status { parts.append("status \(status)\(Self.statusMeaning[status].map { " (\($0))" } ?? "")") }
        if let scope { parts.append("scope \(scope)") }
        if let schemes { parts.append("schemes \(schemes)") }
        return parts.isEmpty ? "challenge \(decoded)" : parts.joined(separator: ", ")
    }

    private static let statusMeaning = [
        "400": "bad request: token malformed or for another account",
        "401": "token invalid or expired",
        "403": "token lacks the permission for this mailbox",
        // RFC 6750 §3.1 error codes, which some servers send instead of HTTP statuses.
        "invalid_token": "token invalid or expired",
        "insufficient_scope": "token lacks the permission for this mailbox",
        "invalid_request": "bad request: token malformed or for another account",
    ]

    /// What to do about it.
    public var remedy: String {
        switch status {
        case "401", "invalid_token":
            return "Refresh the access token; if refreshing fails, re-authorise the mailbox (sign in again to grant access)"
        case "403", "insufficient_scope":
            return "Re-authorise the mailbox with the mail scope"
                + (scope.map { " (\($0))" } ?? "") + ", and check that the account may use IMAP/SMTP"
        case "400", "invalid_request":
            return "Check that the token belongs to this user name, then refresh it or re-authorise the mailbox"
        default:
            return Self.genericRemedy
        }
    }

    public static let genericRemedy =
        "Refresh the access token; if that does not help, re-authorise the mailbox (sign in again to grant access)"

    /// The SASL XOAUTH2 initial response, base64: `user=U^Aauth=Bearer T^A^A`.
    public static func initialResponse(user: String, token: String) -> String {
        Data("user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8).base64EncodedString()
    }
}
