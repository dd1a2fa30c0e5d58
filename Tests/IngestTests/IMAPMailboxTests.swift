import Ingest
import MailCore
import Testing

@Suite("IMAP mailbox URLs")
struct IMAPMailboxTests {
    @Test func imapsURL() throws {
        let mailbox = try IMAPMailbox(url: "imaps://events@company.ee@imap.Example.com/INBOX")
        #expect(mailbox.user == "events@company.ee")
        #expect(mailbox.endpoint == .init(host: "imap.example.com", port: 993, security: .tls))
        #expect(mailbox.folder == "INBOX")
        #expect(mailbox.cursorKey == "imap://events@company.ee@imap.example.com:993/INBOX")
        #expect(mailbox.sourceRef(uidValidity: 17, uid: 42) == "events@company.ee@imap.example.com:993/INBOX/17/42")
        #expect(!mailbox.isLoopback)
    }

    @Test func imapURLWithPortIPv6AndEncodedParts() throws {
        let mailbox = try IMAPMailbox(url: "imap://ev%40x.ee@[::1]:10143/Bounces%2F2026")
        #expect(mailbox.user == "ev@x.ee")
        #expect(mailbox.endpoint == .init(host: "::1", port: 10143, security: .startTLS))
        #expect(mailbox.endpoint.description == "[::1]:10143")
        #expect(mailbox.folder == "Bounces/2026")
        #expect(mailbox.isLoopback)
        #expect(try IMAPMailbox(url: "imaps://u@127.0.0.2").folder == "INBOX")
        #expect(try IMAPMailbox(url: "imaps://u@127.0.0.2").isLoopback)
        #expect(try IMAPMailbox(url: "imaps://u@localhost/").isLoopback)
        #expect(try !IMAPMailbox(url: "imaps://u@128.0.0.1/").isLoopback)
    }

    @Test(arguments: [
        ("https://u@h/INBOX", "is not an IMAP URL"),
        ("imaps://h/INBOX", "names no user"),
        ("imaps://@h/INBOX", "empty user name"),
        ("imaps://u@/INBOX", "names no host"),
        ("imaps://u@h:0/INBOX", "the port must be a number"),
        ("imaps://u@h:99999/INBOX", "the port must be a number"),
        ("imaps://u@[::1/INBOX", "closing ]"),
    ])
    func badURLsAreExplained(url: String, message: String) {
        #expect(throws: IMAPMailbox.URLError.self) { try IMAPMailbox(url: url) }
        do { _ = try IMAPMailbox(url: url) } catch { #expect(error.description.contains(message), "\(error)") }
    }

    @Test func afterActions() {
        #expect(AfterIngest("seen") == .seen)
        #expect(AfterIngest("delete") == .delete)
        #expect(AfterIngest("none") == AfterIngest.none)
        #expect(AfterIngest("move:Processed") == .move(folder: "Processed"))
        #expect(AfterIngest("move:Processed")?.description == "move:Processed")
        #expect(AfterIngest("move:") == nil)
        #expect(AfterIngest("archive") == nil)
    }
}
