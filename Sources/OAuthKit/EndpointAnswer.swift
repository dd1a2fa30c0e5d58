import Foundation

/// Reads an endpoint's answer: a JSON object on 2xx, else an RFC 6749 §5.2 error turned into an
/// OAuthError. A body that carries "error" is an error whatever the status (some servers answer
/// 200). A non-JSON error body is described by status only: its text is not echoed anywhere.
enum EndpointAnswer {
    static func json(_ response: HTTPResponse, endpoint: String) throws(OAuthError) -> [String: Any] {
        let object = try? JSONSerialization.jsonObject(with: response.body)
        let fields = object as? [String: Any]
        if let fields, let code = fields["error"] as? String {
            throw serverError(code: code, fields: fields, status: response.status, endpoint: endpoint)
        }
        guard (200..<300).contains(response.status) else {
            throw OAuthError(kind: .protocolViolation, httpStatus: response.status,
                             detail: "HTTP \(response.status) without an OAuth error in the body", endpoint: endpoint)
        }
        guard let fields else {
            throw OAuthError(kind: .protocolViolation, httpStatus: response.status, detail: "the answer is not a JSON object",
                             endpoint: endpoint)
        }
        return fields
    }

    /// The token endpoint's answer as a TokenResponse.
    static func token(_ response: HTTPResponse, endpoint: String) throws(OAuthError) -> TokenResponse {
        _ = try json(response, endpoint: endpoint)
        return try TokenResponse(json: response.body, endpoint: endpoint)
    }

    static func serverError(code: String, fields: [String: Any], status: Int?, endpoint: String) -> OAuthError {
        let text = fields["error_description"] as? String
        return OAuthError(kind: .server, code: code, errorDescription: text,
                          providerCodes: providerCodes(fields["error_codes"], description: text),
                          httpStatus: status, endpoint: endpoint)
    }

    /// Microsoft's AADSTS numbers: from `error_codes` ([700082]) or else from the description.
    static func providerCodes(_ value: Any?, description: String?) -> [String] {
        if let numbers = value as? [Any] {
            let codes = numbers.compactMap(JSONField.integer).map { "AADSTS\($0)" }
            if !codes.isEmpty { return codes }
        }
        guard let description else { return [] }
        var codes: [String] = []
        var rest = description[...]
        while let start = rest.range(of: "AADSTS") {
            let digits = rest[start.upperBound...].prefix(while: \.isASCIIDigit)
            if !digits.isEmpty, !codes.contains("AADSTS" + digits) { codes.append("AADSTS" + digits) }
            rest = rest[start.upperBound...]
        }
        return codes
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
