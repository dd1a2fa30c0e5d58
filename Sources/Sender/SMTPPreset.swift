/// The server settings the ERP offers ready-made: Gmail (app password over SSL), Microsoft 365
/// (STARTTLS with OAuth2/XOAUTH2) and Zone (SSL). A preset fills host, port, TLS and the kind of
/// secret; the user name and the secret source stay the user's.
public struct SMTPPreset: Sendable, Equatable {
    public let name: String
    public let host: String
    public let port: Int
    public let tls: SMTPSettings.TLSMode
    public let auth: SMTPSettings.AuthKind
    /// What the user must provide, for help text.
    public let note: String

    public static let gmail = SMTPPreset(
        name: "gmail", host: "smtp.gmail.com", port: 465, tls: .ssl, auth: .password,
        note: "Gmail: an app password (Google Account > Security > 2-Step Verification > App passwords)")
    public static let office365 = SMTPPreset(
        name: "office365", host: "smtp.office365.com", port: 587, tls: .startTLS, auth: .oauth2,
        note: "Microsoft 365: an OAuth2 access token with scope https://outlook.office.com/SMTP.Send (XOAUTH2)")
    public static let zone = SMTPPreset(
        name: "zone", host: "smtp.zone.ee", port: 465, tls: .ssl, auth: .password,
        note: "Zone: the mailbox's password")

    public static let all = [gmail, office365, zone]

    public static func named(_ name: String) -> SMTPPreset? {
        all.first { $0.name == name.lowercased() }
    }
}
