/// A receiving mail system whose replies reuse registered codes with meanings of its own
/// (`shared/reference/README.md`): recognised by the remote host, its reply's signature, or the
/// recipient's domain.
public enum Provider: String, Sendable, CaseIterable {
    case googleGroups, google, microsoft, yahoo, mimecast, zoho, proofpoint, laposte, docomo, ezweb, facebook, cox, spectrum, zone

    /// Host-name fragments (remote or reporting MTA, recipient domain), lowercased.
    var hosts: [Phrase] {
        switch self {
        case .googleGroups: return ["googlegroups.com"]
        case .google: return ["google.com", "googlemail.com", "gmail.com"]
        case .microsoft: return ["outlook.com", "hotmail.", "live.com", "msn.com", "office365.com", "microsoft.com"]
        case .yahoo: return ["yahoo.", "yahoodns.net", "aol.com", "ymail.com"]
        case .mimecast: return ["mimecast"]
        case .zoho: return ["zoho."]
        case .proofpoint: return ["pphosted.com", "proofpoint"]
        case .laposte: return ["laposte.net", "orange.fr", "wanadoo.fr"]
        case .docomo: return ["docomo.ne.jp"]
        case .ezweb: return ["ezweb.ne.jp", "au.com"]
        case .facebook: return ["facebook.com"]
        case .cox: return ["cox.net"]
        case .spectrum: return ["charter.net", "spectrum.net", "rr.com"]
        case .zone: return ["zone.ee", "zone.eu"]
        }
    }

    /// Fragments only this provider's replies carry, lowercased.
    var signatures: [Phrase] {
        switch self {
        case .google: return ["gsmtp", "support.google.com"]
        case .microsoft: return ["protection.outlook.com", "outlook.com", "exchangelabs", "aka.ms/"]
        case .yahoo: return ["[tss0", "yahoo.com", "[bl21]", "[bl23]", "[ph01]", "aol.com"]
        case .mimecast: return ["mimecast", "mcspamsignature"]
        case .zoho: return ["zoho"]
        case .proofpoint: return ["proofpoint"]
        case .laposte: return ["laposte", "lpn0", "ofr_"]
        case .docomo, .ezweb, .googleGroups: return []
        case .facebook: return ["facebook.com"]
        case .cox: return ["cox.com", "cox.net"]
        case .spectrum: return ["spectrum.net", "charter.net"]
        case .zone: return ["zone.eu", "zone.ee"]
        }
    }

    /// Every provider with its host fragments and signatures, built once: a `Phrase` is cheap to
    /// search for but not to make, and identification runs for every finding.
    private static let patterns: [(provider: Provider, hosts: [Phrase], signatures: [Phrase])] =
        allCases.map { ($0, $0.hosts, $0.signatures) }

    /// Every host fragment and every signature, each list indexed to be searched for in one pass:
    /// most hosts and diagnostics name no provider, and one pass tells so (`PhraseIndex`), where
    /// each fragment searched for in turn cost about seventy searches a finding.
    private static let anyHost = PhraseIndex(patterns.flatMap(\.hosts))
    private static let anySignature = PhraseIndex(patterns.flatMap(\.signatures))

    /// The providers the evidence points to, most specific (host) first.
    static func identify(hosts candidates: [String], text: SearchText) -> [Provider] {
        var found: [Provider] = []
        for candidate in candidates where !candidate.isEmpty {
            let host = SearchText(candidate)
            guard anyHost.firstMatch(in: host) != nil else { continue }
            for entry in patterns where !found.contains(entry.provider) && entry.hosts.contains(where: host.contains) {
                found.append(entry.provider)
            }
        }
        guard anySignature.firstMatch(in: text) != nil else { return found }
        for entry in patterns where !found.contains(entry.provider) && entry.signatures.contains(where: text.contains) {
            found.append(entry.provider)
        }
        return found
    }
}
