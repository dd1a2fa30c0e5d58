import ArgumentParser
import EventStore
import Foundation
import MailCore
import MessageTag
import Sender

extension Events {
    /// `events send`: the companion sender.
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "Send mail through a user's SMTP profile, tagged so its bounces match back to it.",
            discussion: """
                The body is read from --body-file, else standard input. With --batch FILE, each line of \
                FILE is one message as JSON: {"to": ["a@x"], "cc": [], "subject": "…", "body": "…", \
                "attach": ["/path"]}; all go over one connection.

                Each message is recorded before it is submitted, then submitted as one copy per \
                recipient, each in its own SMTP transaction and with its own signed tag; what the server \
                answers is recorded too, \
                and every failure to submit (connecting, TLS, login, MAIL, RCPT, DATA) becomes a \
                submission_error event with cause and remedy, listed by `events list --failed`.

                Exit status: 0 when every message was accepted for every recipient, 1 otherwise.

                Examples:
                  events send --user MARI --to client@example.com --subject "Invoice 42" --attach invoice-42.pdf < body.txt
                  events send --user MARI --batch invoices.jsonl
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions
        @OptionGroup var company: CompanyOptions

        @Option(help: "The ERP user code whose profile sends.")
        var user: String

        @Option(help: ArgumentHelp("A recipient (repeat for more).", valueName: "address"))
        var to: [String] = []

        @Option(help: ArgumentHelp("A copy recipient (repeat for more).", valueName: "address"))
        var cc: [String] = []

        @Option(help: "The subject.")
        var subject: String?

        @Option(help: ArgumentHelp("The plain-text body, UTF-8 (default: standard input).", valueName: "file"))
        var bodyFile: String?

        @Option(help: ArgumentHelp("A file to attach (repeat for more).", valueName: "file"))
        var attach: [String] = []

        @Option(help: ArgumentHelp("Messages as JSON Lines, sent over one connection.", valueName: "file"))
        var batch: String?

        @Option(help: ArgumentHelp("Trust only this CA (PEM) for the server's certificate.", valueName: "file"))
        var caFile: String?

        @Flag(help: "Accept any certificate. The login and the mail can then be read by anyone in between.")
        var insecure = false

        @Option(help: ArgumentHelp("Seconds any one network step may take.", valueName: "seconds"))
        var timeout = 60

        func validate() throws {
            if batch != nil {
                if !to.isEmpty || !cc.isEmpty || subject != nil || bodyFile != nil || !attach.isEmpty {
                    throw ValidationError("--batch takes the messages from its file: give no --to, --cc, --subject, --body-file or --attach.")
                }
            } else {
                if to.isEmpty { throw ValidationError("Give at least one --to address.") }
                if subject == nil { throw ValidationError("Give a --subject.") }
            }
            for address in to + cc where !SMTPSettings.isAddress(address) {
                throw ValidationError("'\(address)' is not an e-mail address.")
            }
            if insecure && caFile != nil { throw ValidationError("Give either --ca-file or --insecure, not both.") }
            if timeout < 1 { throw ValidationError("--timeout takes a number of seconds, 1 or more.") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let requests = try batch.map(BatchFile.read) ?? [try singleRequest()]
                let store = try store.open()
                let company = try self.company.scope(in: store)
                let profile = try EffectiveProfile.resolve(user: user, company: company?.id, in: store)
                let ring = try keys.directory().load()
                guard ring.current != nil else {
                    throw CommandFailure("no tag signing key in \(try keys.path()): make one with `events config key`")
                }
                let eventAddress = try company.map {
                    EventAddress(companyName: $0.name, domain: try store.setting(.eventDomain) ?? EventAddress.defaultDomain)
                }
                let trust: IMAPSettings.Trust = insecure ? .insecure : .verify(caFile: caFile)
                let verifier = try CertificateCheck.verifier(for: trust, logger: Log.send)
                if profile.server.tls == .none, !profile.settings.username.isEmpty, !HostName.isLoopback(profile.server.host) {
                    Log.send.warning("""
                        the profile of \(user) turns TLS off: the password (or token) of \(profile.settings.username) and \
                        the mail go to \(profile.server.host) unencrypted. Set --tls starttls (587) or ssl (465).
                        """)
                }
                let sender = try MailSender(store: store, profile: profile, signer: TagSigner(ring: ring),
                                            eventAddress: eventAddress, companyID: company?.id,
                                            options: .init(timeout: timeout, verifyChain: verifier),
                                            tokens: AccessTokens(store: try keys.tokenStore()))
                var failed = 0
                for request in requests {
                    let outcome = try sender.send(request)
                    if outcome.state != "sent" { failed += 1 }
                    Output.standardOutput.write(Self.line(outcome))
                }
                sender.finish()
                Output.standardOutput.flush()
                if failed > 0 {
                    Output.standardError.write("events: \(failed) of \(requests.count) message(s) not accepted for every "
                                               + "recipient: see `events list --failed --user \(user)"
                                               + (company.map { " --company \($0.name)" } ?? "") + "`\n")
                    throw ExitCode(1)
                }
            }
        }

        private func singleRequest() throws -> SendRequest {
            let body: [UInt8]
            if let bodyFile {
                guard let data = FileManager.default.contents(atPath: bodyFile) else {
                    throw CommandFailure("cannot read the body file '\(bodyFile)'")
                }
                body = [UInt8](data)
            } else {
                body = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            }
            guard let text = String(validating: body, as: UTF8.self) else {
                throw CommandFailure("the body is not UTF-8 text; attach binary files with --attach")
            }
            return SendRequest(to: to, cc: cc, subject: subject ?? "", body: text,
                               attachments: try attach.map(BatchFile.attachment))
        }

        static func line(_ outcome: SendOutcome) -> String {
            // Each accepted copy with its own Message-ID: `sent 17 <m17r0…> to a, <m17r1…> to b`.
            let messageIDs = Dictionary(outcome.copies.map { ($0.recipient, $0.messageID) }, uniquingKeysWith: { first, _ in first })
            var line = "\(outcome.state) \(outcome.outgoingID)"
            if outcome.accepted.isEmpty {
                line += " <\(outcome.messageID)>"
            } else {
                line += " " + outcome.accepted.map { "<\(messageIDs[$0] ?? outcome.messageID)> to \($0)" }.joined(separator: ", ")
            }
            if outcome.state != "failed" { line += ": \(outcome.reply.split(separator: "\n").first ?? "")" }
            for failure in outcome.failed {
                line += "\n  \(failure.recipient): \(failure.reason): \(failure.cause.split(separator: "\n").first ?? "")"
            }
            return line + "\n"
        }
    }
}

/// `events send --batch FILE`: one JSON object per line.
enum BatchFile {
    struct Line: Decodable {
        var to: [String]
        var cc: [String]?
        var subject: String
        var body: String
        var attach: [String]?
    }

    static func read(_ path: String) throws -> [SendRequest] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the batch file '\(path)'")
        }
        var requests: [SendRequest] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let message: Line
            do { message = try JSONDecoder().decode(Line.self, from: Data(line)) } catch {
                throw CommandFailure("\(path) line \(index + 1) is not a message: expected "
                                     + "{\"to\": [\"a@x\"], \"subject\": \"…\", \"body\": \"…\"}")
            }
            for address in message.to + (message.cc ?? []) where !SMTPSettings.isAddress(address) {
                throw CommandFailure("\(path) line \(index + 1): '\(address)' is not an e-mail address")
            }
            if message.to.isEmpty { throw CommandFailure("\(path) line \(index + 1): no \"to\" address") }
            requests.append(SendRequest(to: message.to, cc: message.cc ?? [], subject: message.subject, body: message.body,
                                        attachments: try (message.attach ?? []).map(attachment)))
        }
        if requests.isEmpty { throw CommandFailure("the batch file '\(path)' holds no messages") }
        return requests
    }

    static func attachment(_ path: String) throws -> SendRequest.Attachment {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the attachment '\(path)'")
        }
        return SendRequest.Attachment(filename: (path as NSString).lastPathComponent, data: [UInt8](data))
    }
}
