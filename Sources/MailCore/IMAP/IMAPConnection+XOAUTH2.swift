import CEtPan
import Foundation

extension IMAPConnection {
    /// AUTHENTICATE XOAUTH2, run line by line rather than through libetpan so that a refusal is read
    /// to its end: the server's `+ eyJ…` error challenge is decoded and answered with an empty line, and
    /// the final NO is reported with it.
    func authenticateXOAUTH2(user: String, token: String) throws(IMAPError) {
        guard mailimap_has_authentication(session, "XOAUTH2") != 0 else {
            throw .mechanismUnavailable(mechanism: "XOAUTH2", offered: authenticationMechanisms)
        }
        let operation = "AUTHENTICATE XOAUTH2"
        let response = OAuth2Challenge.initialResponse(user: user, token: token)
        let tag = "oauth\(session.pointee.imap_tag)"
        // SASL-IR (RFC 4959) only where the command line stays short: servers cap lines before
        // login (a 4 KB token is sent after the server's continuation instead).
        let inline = "\(tag) \(operation) \(response)"
        let initialResponse = mailimap_has_extension(session, "SASL-IR") != 0 && inline.utf8.count + 2 <= Self.initialResponseLimit
        try sendLine(initialResponse ? inline : "\(tag) \(operation)", operation)
        var responseSent = initialResponse
        var challenge: OAuth2Challenge?
        var challengesAnswered = 0
        while true {
            let line = try readLine(operation)
            if line.hasPrefix("+") {
                let text = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
                if !responseSent {
                    try sendLine(response, operation)
                    responseSent = true
                } else {
                    // The error challenge: answer with an empty response to get the tagged reply.
                    challengesAnswered += 1
                    if challenge == nil { challenge = OAuth2Challenge(base64: text) }
                    try sendLine(challengesAnswered > 2 ? "*" : "", operation)
                }
            } else if line.hasPrefix(tag + " ") {
                let reply = line.dropFirst(tag.count + 1)
                let status = reply.prefix(while: { $0 != " " }).uppercased()
                let text = reply.dropFirst(status.count).trimmingCharacters(in: .whitespaces)
                guard status == "OK" else {
                    throw .oauth2Rejected(user: user, challenge: challenge, serverText: text)
                }
                session.pointee.imap_state = Int32(MAILIMAP_STATE_AUTHENTICATED)
                try refreshCapabilities("CAPABILITY")
                return
            }
            // Untagged data (a CAPABILITY after success, say) needs nothing here.
        }
    }

    /// The longest AUTHENTICATE line, CRLF included, sent with its initial response.
    static let initialResponseLimit = 1_000

    /// The SASL mechanisms the server announced (`AUTH=…`).
    var authenticationMechanisms: [String] {
        capabilities.compactMap { $0.hasPrefix("AUTH=") ? String($0.dropFirst(5)) : nil }
    }

    /// The server's last announced capabilities, e.g. `IMAP4rev1`, `AUTH=PLAIN`, `MOVE`.
    public var capabilities: [String] {
        guard let data = session.pointee.imap_connection_info?.pointee.imap_capability else { return [] }
        var names: [String] = []
        var iterator = cetpan_clist_begin(data.pointee.cap_list)
        while let item = cetpan_clist_content(iterator)?.assumingMemoryBound(to: mailimap_capability.self) {
            if item.pointee.cap_type == Int32(MAILIMAP_CAPABILITY_AUTH_TYPE),
               let name = item.pointee.cap_data.cap_auth_type {
                names.append("AUTH=" + String(cString: name))
            } else if let name = item.pointee.cap_data.cap_name {
                names.append(String(cString: name))
            }
            iterator = cetpan_clist_next(iterator)
        }
        return names
    }

    private func sendLine(_ line: String, _ operation: String) throws(IMAPError) {
        let started = Date()
        let stream = session.pointee.imap_stream
        guard mailimap_token_send(stream, line) == MAILIMAP_NO_ERROR,
              mailimap_crlf_send(stream) == MAILIMAP_NO_ERROR,
              mailstream_flush(stream) != -1 else {
            throw streamError(Int32(MAILIMAP_ERROR_STREAM), operation: operation, started: started)
        }
    }

    private func readLine(_ operation: String) throws(IMAPError) -> String {
        let started = Date()
        guard let line = mailimap_read_line(session) else {
            throw streamError(Int32(MAILIMAP_ERROR_STREAM), operation: operation, started: started)
        }
        var text = String(cString: line)
        // By scalars: "\r\n" is a single Character, which `hasSuffix("\n")` does not see.
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" { text.unicodeScalars.removeLast() }
        return text
    }
}
