import Foundation

/// The name the client connected to, as the identity check wants it: a DNS name, or an IP literal
/// (`127.0.0.1`, `::1`, `[::1]`, `fe80::1%eth0`) that must match an IP address in the certificate.
struct ServerHost: Equatable {
    enum Kind: Equatable {
        case dnsName
        case ipAddress
    }

    /// The host as given (for messages), without brackets or surrounding spaces.
    let name: String
    /// What the certificate is checked against: for IPv6, without a zone (`%eth0`).
    let matchValue: String
    let kind: Kind

    init(_ host: String) {
        var name = host.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("["), name.hasSuffix("]"), name.count >= 2 {
            name = String(name.dropFirst().dropLast())
        }
        self.name = name
        if name.contains(":") {
            // A DNS name never holds a colon: this is an IPv6 literal (or nothing valid, which matches nothing).
            kind = .ipAddress
            matchValue = String(name.prefix { $0 != "%" })
        } else if Self.isIPv4Literal(name) {
            kind = .ipAddress
            matchValue = name
        } else {
            kind = .dnsName
            matchValue = name
        }
    }

    /// The arguments of `ServerIdentityPolicy(serverHostname:serverIP:)`: an IP host is matched against the
    /// certificate's IP addresses only, a name against its DNS names.
    var policyArguments: (hostname: String?, ip: String?) {
        switch kind {
        case .dnsName: (matchValue, nil)
        case .ipAddress: (nil, matchValue)
        }
    }

    /// Four dot-separated decimal numbers of at most 255 (the dotted-quad form `inet_pton` accepts).
    private static func isIPv4Literal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { ("0"..."9").contains($0) } && Int(part)! <= 255
        }
    }
}
