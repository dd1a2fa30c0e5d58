import Foundation
import GRDB

/// One ERP user's SMTP settings (a row of `smtp_profiles`). The secret itself is never stored: only
/// where to get it (`file:PATH`, `env:NAME` or `command:COMMAND`). A user code is unique within
/// its company.
public struct SMTPProfileRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "smtp_profiles"

    /// The company whose user this is; nil in a database with no company configured.
    public var companyID: Int64?
    public var userCode: String
    /// nil (with port and tls): the mail sending user's server.
    public var host: String?
    public var port: Int?
    /// `none`, `ssl` or `starttls`.
    public var tls: String?
    /// Empty: no AUTH.
    public var username: String
    /// `password` or `oauth2`.
    public var auth: String
    public var secretSource: String?
    /// `own` or `reply-to`.
    public var senderMode: String
    /// The user's own address.
    public var address: String
    public var displayName: String?
    public var preset: String?
    /// `microsoft`, `google` or a generic issuer's URL; nil: from the preset.
    public var oauthProvider: String?
    /// Microsoft's tenant (a domain, a GUID, `organizations`); nil: the setting, else `organizations`.
    public var oauthTenant: String?
    /// The app registration's client id; nil: the provider's setting.
    public var oauthClientID: String?
    /// Where the client secret is (`file:`, `env:`, `command:`), never the secret; nil: none or the setting.
    public var oauthClientSecret: String?
    public var updatedAt: Date

    public init(userCode: String, host: String?, port: Int?, tls: String?, username: String, auth: String,
                secretSource: String?, senderMode: String, address: String, displayName: String?, preset: String?,
                oauthProvider: String? = nil, oauthTenant: String? = nil, oauthClientID: String? = nil,
                oauthClientSecret: String? = nil, companyID: Int64? = nil, updatedAt: Date) {
        self.companyID = companyID
        self.userCode = userCode
        self.host = host
        self.port = port
        self.tls = tls
        self.username = username
        self.auth = auth
        self.secretSource = secretSource
        self.senderMode = senderMode
        self.address = address
        self.displayName = displayName
        self.preset = preset
        self.oauthProvider = oauthProvider
        self.oauthTenant = oauthTenant
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case companyID = "company_id", userCode = "user_code", host, port, tls, username, auth, secretSource = "secret_source"
        case senderMode = "sender_mode", address, displayName = "display_name", preset
        case oauthProvider = "oauth_provider", oauthTenant = "oauth_tenant", oauthClientID = "oauth_client_id"
        case oauthClientSecret = "oauth_client_secret", updatedAt = "updated_at"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let userCode = Column(CodingKeys.userCode)
        public static let companyID = Column(CodingKeys.companyID)
    }
}

extension DerivableRequest<SMTPProfileRecord> {
    /// The profiles of one company, or of a database with no company (nil).
    public func inCompany(_ company: Int64?) -> Self {
        filter(company.map { SMTPProfileRecord.Columns.companyID == $0 } ?? (SMTPProfileRecord.Columns.companyID == nil))
    }
}
