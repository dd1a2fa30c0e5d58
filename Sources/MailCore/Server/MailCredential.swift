/// A login to a mail server: a password (IMAP LOGIN, SMTP AUTH PLAIN/LOGIN) or an OAuth2 access
/// token (SASL XOAUTH2). Never printed: descriptions name only the user.
public enum MailCredential: Sendable {
    case password(user: String, password: String)
    case oauth2(user: String, accessToken: String)

    public var user: String {
        switch self {
        case .password(let user, _), .oauth2(let user, _): return user
        }
    }
}
