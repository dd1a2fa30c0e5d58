import Foundation

/// The two requests OAuth needs, behind a protocol so flows and the token store can be tested
/// against a fake that records requests, and so the CLI can swap the transport.
/// Synchronous on purpose: the CLI runs one sign-in or refresh at a time and blocks on it anyway.
public protocol HTTPClient: Sendable {
    /// POSTs application/x-www-form-urlencoded; basic = HTTP Basic credentials (client_secret_basic) or nil.
    func postForm(_ url: URL, fields: [(String, String)], basic: (user: String, password: String)?) throws(OAuthError) -> HTTPResponse
    func get(_ url: URL) throws(OAuthError) -> HTTPResponse
}
