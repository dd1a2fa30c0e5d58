import Foundation

/// The JSON form of a StoredAccount: sorted keys (stable diffs), dates written as ISO 8601 with
/// fractional seconds and read as ISO 8601 with or without them, or as seconds since 1970.
enum AccountFile {
    static func encode(_ account: StoredAccount, path: String) throws(TokenStoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatter(fractional: true).string(from: date))
        }
        do {
            return try encoder.encode(account) + Data("\n".utf8)
        } catch {
            throw .unwritable(path: path, reason: "cannot encode the account")
        }
    }

    static func decode(_ data: Data, path: String, name: String) throws(TokenStoreError) -> StoredAccount {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try container.decode(String.self)
            if let date = formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text) {
                return date
            }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
        }
        let account: StoredAccount
        do {
            account = try decoder.decode(StoredAccount.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: reason(error))
        }
        guard account.name == name else {
            throw .unreadable(path: path, reason: "it holds the account “\(account.name)”, not “\(name)”")
        }
        return account
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    /// Says which field is wrong without quoting values (a value may be a token).
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        switch error {
        case .keyNotFound(let key, _): return "the field \(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "not a valid account (JSON)" : "the field \(field) is not valid"
        @unknown default: return "not a valid account"
        }
    }
}
