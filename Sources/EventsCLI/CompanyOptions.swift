import ArgumentParser
import EventStore
import Foundation

/// `--company NAME`: the company a command works for, else `company` in the config file (support
/// staff of one company set it once). Commands that read show every company's events when none is
/// named; commands that write a company's data (send, profiles, its mail sending user) take the
/// only company when there is one, and ask which when there are several.
struct CompanyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The company: its event address's local part (default: company in the config file).",
                               valueName: "name"))
    var company: String?

    func validate() throws {
        if let company, company.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--company needs a company's name (`events config company list` shows them).")
        }
    }

    /// The name given, with where it came from: the option, else the config file.
    func named(config: ConfigSources? = nil) throws -> ResolvedSetting? {
        if let company { return ResolvedSetting(value: company.trimmingCharacters(in: .whitespaces), origin: .option("--company")) }
        return try (config ?? ConfigSources.load()).setting("company")
    }

    /// The named company, or nil when none is named; a name that is no company is an error.
    func company(in store: EventStore, config: ConfigSources? = nil) throws -> Company? {
        guard let named = try named(config: config) else { return nil }
        guard let company = try store.company(named: named.value) else {
            throw CommandFailure(Self.unknown(named, in: store))
        }
        return company
    }

    /// What a reading command selects: the named company's rows, else every company's.
    func selection(in store: EventStore, config: ConfigSources? = nil) throws -> CompanySelection {
        guard let company = try company(in: store, config: config), let id = company.id else { return .any }
        return .company(id)
    }

    /// The company a writing command works in: the named one; else the only one; nil in a
    /// database with no company. With several and none named, an error that lists them.
    func scope(in store: EventStore, config: ConfigSources? = nil) throws -> Company? {
        if let company = try company(in: store, config: config) { return company }
        let companies = try store.companies()
        if companies.count <= 1 { return companies.first }
        throw CommandFailure("this database serves \(companies.count) companies (\(Self.names(companies))): "
                             + "give --company NAME, or set company in the config file")
    }

    static func unknown(_ named: ResolvedSetting, in store: EventStore) -> String {
        let companies = (try? store.companies()) ?? []
        let known = companies.isEmpty ? "there are none yet; `events config company add NAME` adds one"
            : "the companies are \(names(companies))"
        return "no company '\(named.value)' (from \(named.origin.description)) in \(store.location): \(known)"
    }

    /// "a, b, c" or "a, b, c and 997 more".
    static func names(_ companies: [Company], shown: Int = 10) -> String {
        let listed = companies.prefix(shown).map(\.name).joined(separator: ", ")
        return companies.count > shown ? "\(listed) and \(companies.count - shown) more" : listed
    }
}
