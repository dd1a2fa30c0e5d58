import Foundation
import GRDB

/// A system setting of the companion sender: a global one (a row of `settings`: the event domain,
/// the OAuth app registrations) or a company's own (a row of `company_settings`: its mail sending
/// user; in a database with no company, a row of `settings`).
public struct Setting: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "settings"

    /// The names in use.
    public enum Name: String, Sendable, CaseIterable {
        /// The user code whose SMTP profile is everyone's base ("mail sending user code").
        case mailSendingUser = "mail-sending-user"
        /// The event mailboxes' domain, e.g. `event.data.directo.ee`; each company's local part is
        /// its name (`events config company add`).
        case eventDomain = "event-domain"
        /// The ERP's Microsoft Entra app registration (application id) for OAuth sign-in.
        case microsoftClientID = "microsoft-client-id"
        /// The Microsoft tenant to sign in to: a domain, a tenant id, or `organizations` (default).
        case microsoftTenant = "microsoft-tenant"
        /// Where the Microsoft app's client secret is (file:/env:/command:), for app-only sign-in.
        case microsoftClientSecret = "microsoft-client-secret"
        /// The ERP's Google OAuth client id (a Desktop app client).
        case googleClientID = "google-client-id"
        /// Where the Google client's secret is (file:/env:/command:); Google requires it even for
        /// desktop clients, which cannot keep it secret.
        case googleClientSecret = "google-client-secret"

        /// Whether each company has its own value.
        public var isPerCompany: Bool { self == .mailSendingUser }
    }

    /// The event domain when `event-domain` is not set.
    public static let defaultEventDomain = "event.data.directo.ee"

    public var name: String
    public var value: String
    public var updatedAt: Date

    public init(name: String, value: String, updatedAt: Date) {
        self.name = name
        self.value = value
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case name, value, updatedAt = "updated_at"
    }
}
