@testable import BounceKit
import MailCore
import Testing

/// The general rules by which a plain-text report's failed recipient is told from the other
/// addresses it names, each on a small hand-written report.
@Suite("Recipients of plain-text reports")
struct RecipientRuleTests {
    static func classify(_ text: String) -> [Finding] {
        BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    static func recipients(_ text: String) -> [String?] {
        classify(text).map(\.recipient)
    }

    @Test("address-type prefixes are dropped wherever addresses are read")
    func typePrefixes() {
        #expect(RecipientLines.addresses(in: "c=US;a= ;p=Org;o=Site;dda:SMTP=JDOE@EXAMPLE.COM; on Fri") == ["JDOE@example.com"])
        #expect(RecipientLines.validated("SMTP:jdoe@example.com") == "jdoe@example.com")
        #expect(Address.normalize("smtp=jdoe@Example.com") == "jdoe@example.com")
        #expect(Address.fromReportField("rfc822; SMTP:jdoe@example.com") == "jdoe@example.com")
        // A local part that merely starts with the letters keeps them.
        #expect(RecipientLines.validated("smtpadmin@example.com") == "smtpadmin@example.com")
    }

    @Test("lines quoted with > belong to the returned original, unless the whole report is quoted")
    func quotedLines() {
        let report = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
            To: list-bounces@lists.example.net
            Subject: Mail delivery failed

            Your message could not be delivered to jane@example.org: no such user.

            Original message follows:
            >From: list@lists.example.net
            >X-Originally-To: <announce@lists.example.net>, <news@lists.example.net>

            """
        #expect(Self.recipients(report) == ["jane@example.org"])
        let forwarded = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
            To: list-bounces@lists.example.net
            Subject: Fwd: Returned mail

            > ----- The following addresses had permanent fatal errors -----
            > <jane@example.org>
            >     (reason: 550 Unknown user jane@example.org)

            """
        #expect(Self.recipients(forwarded) == ["jane@example.org"])
        #expect(RecipientLines.isQuoted(">From: a@b") && RecipientLines.isQuoted("> <a@b>"))
        #expect(!RecipientLines.isQuoted(">>> RCPT TO:<a@b>"))
    }

    @Test("an address in single quotes loses both quotes")
    func singleQuotes() {
        #expect(RecipientLines.addresses(in: "The message, addressed to 'jane@example.org', failed") == ["jane@example.org"])
        let report = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
            To: list-bounces@lists.example.net
            Subject: Mail delivery failed

            The following message, addressed to 'jane@example.org', failed because it has not been collected.

            """
        #expect(Self.recipients(report) == ["jane@example.org"])
    }

    @Test("a postmaster address to ask for help is not the recipient, even when the recipient sent the original")
    func postmasterLast() {
        let report = """
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            To: bob@mx.example.org
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            This is the mail system at host mx.example.org.

            For further assistance, please contact <postmaster@mx.example.org>

            <bob@example.org>: Host not found, try again

            --b
            Content-Type: message/rfc822

            From: bob@example.org
            To: bob@example.org
            Subject: note to self

            hello
            --b--

            """
        #expect(Self.recipients(report) == ["bob@example.org"])
    }

    @Test("a recipient listed without a domain takes the reporting system's domain, never the report's own To")
    func bareLocalPartFromReporter() {
        let report = """
            From: "Mail Delivery Subsystem" <MAILER-DAEMON@provider.example>
            To: <list-bounces@lists.example.net>
            Subject: Mail Delivery Problem

            Your mail to the following recipients could not be delivered because they are not accepting mail from list@lists.example.net:
            \tjsmith

            """
        #expect(Self.recipients(report) == ["jsmith@provider.example"])
    }

    @Test("a listed local part takes the domain the original was addressed to, not an address in the advice around it")
    func bareLocalPartFromOriginal() {
        let report = """
            From: MAILER-DAEMON@mx1.campus.example.edu
            To: list-admin@lists.example.org
            Subject: Returned mail - nameserver error report

             --------Message not delivered to the following:

             jdoe    No matches to nameserver query

             --------Error Detail:

             If no lookup tools are available to you, try the most explicit form of the name, e.g., if
             mike.fox@example.edu fails, try michael.j.fox@example.edu.

             --------Unsent Message below:

            Received: from lists.example.org by mx1.campus.example.edu
            \tfor <jdoe@example.edu>; Tue, 26 Dec 2000 13:26:17 -0500 (EST)
            From: list@lists.example.org
            Subject: digest

            """
        #expect(Self.recipients(report) == ["jdoe@example.edu"])
    }

    @Test("prose after a list heading is not a list of local parts")
    func proseIsNotAList() {
        #expect(TextReport.listedLocalPart(in: "Please check the above address and try again") == nil)
        #expect(TextReport.listedLocalPart(in: "\tjsmith")?.local == "jsmith")
        #expect(TextReport.listedLocalPart(in: " jdoe    No matches")?.local == "jdoe")
    }

    @Test("a labelled intended recipient is read; quoted text of the original is not")
    func intendedRecipientAndQuotes() {
        #expect(RecipientLines.isAttribution("\"Lee\" <lee@example.net> wrote:"))
        let report = """
            From: MAILER-DAEMON@mail.example.net
            To: list-admin@lists.example.org
            Subject: Processing Error

            Intended recipient: ann.b@mail.example.net

            The following mail has been returned because it encountered an error
            while being processed.

            --------RETURNED MAIL FOLLOWS--------
            From: writer@example.com
            Subject: Re: question

            "Lee" <lee@example.org> wrote:
            > hello

            """
        #expect(Self.recipients(report) == ["ann.b@mail.example.net"])
    }

    @Test("the address a recipient was expanded from is the one the sender addressed")
    func expandedFrom() {
        #expect(RecipientLines.expandedFrom(in: "    (expanded from: user@example.nl)") == "user@example.nl")
        #expect(RecipientLines.expandedFrom(in: " (expanded from <alias@example.com>): mailbox full") == "alias@example.com")
        #expect(RecipientLines.expandedFrom(in: "    (expanded from: user)") == nil)
        let undisclosed = """
            From: Mail Delivery System <Mailer-Daemon@mx.example.net>
            To: list-bounces@lists.example.org
            Subject: Mail delivery failed: returning message to sender

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              an undisclosed address
                (generated from alias@example.org)

            """
        #expect(Self.recipients(undisclosed) == ["alias@example.org"])
        let report = """
            From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.nl>
            To: list-admin@lists.example.org
            Subject: Returned mail: Too many hops

               ----- The following addresses had permanent fatal errors -----
            user@host.relay.example.nl
                (expanded from: user@example.nl)

               ----- Transcript of session follows -----
            554 Too many hops 26 (25 max)

            """
        #expect(Self.recipients(report) == ["user@example.nl"])
    }

    @Test("an address the report introduces as the sender is not the recipient")
    func senderMentions() {
        #expect(RecipientLines.addresses(in: "not accepting mail from list@lists.example.net:", skippingSenders: true).isEmpty)
        #expect(RecipientLines.addresses(in: "MAIL FROM:<list@lists.example.net> rejected", skippingSenders: true).isEmpty)
        #expect(RecipientLines.addresses(in: "(expanded from: a@example.org)", skippingSenders: true) == ["a@example.org"])
        #expect(RecipientLines.addresses(in: "(generated from a@example.org)", skippingSenders: true) == ["a@example.org"])
        // A report naming its recipient only without a domain it can complete, and the sender in full:
        // the failure is recorded without a recipient rather than against the sender.
        let report = """
            From: "Mail Delivery Subsystem" <>
            To: <list-bounces@lists.example.net>
            Subject: Mail Delivery Problem

            Your mail to the following recipients could not be delivered because they are not accepting mail from list@lists.example.net:
            	jsmith

            """
        #expect(Self.recipients(report) == [nil])
    }

    @Test("a non-delivery report whose Subject kept a reply prefix is not a person's reply")
    func nonDeliveryWithReplyPrefix() {
        let report = """
            From: gateway@corp.example
            To: list-bounces@lists.example.org
            Subject: RE: Your message awaits approval : non remis

            Your message could not be delivered to
            duke@corp.example

            """
        let findings = Self.classify(report)
        #expect(findings.map(\.recipient) == ["duke@corp.example"])
        #expect(findings.first?.kind == .bounce)
        // A person answering about an undeliverable message is still a reply.
        let reply = """
            From: Mari <mari@example.ee>
            To: company@event.data.directo.ee
            Subject: Re: Undeliverable: invoice
            In-Reply-To: <1@example.ee>

            Your message could not be delivered, they say. Try again?

            """
        #expect(Self.classify(reply).first?.kind == .humanReply)
    }

    @Test("mail software saying a message was not delivered, naming nobody, gives one finding without a recipient")
    func unnamedRecipient() {
        let nullSender = """
            From: "Gateway System" <>
            To: list-admin@lists.example.org
            Subject: Mail Error

            Your mail cannot be delivered to the following address(es):

             dylan "(0), ErrMsg=mail box space not enough"

            Please check the above address(es) and then try again.

            """
        let findings = Self.classify(nullSender)
        #expect(findings.count == 1)
        #expect(findings.first?.kind == .bounce)
        #expect(findings.first?.recipient == nil)

        let virusWall = """
            From: gateway@corp.example
            To: list-admin@lists.example.org
            Subject: Mail could not be delivered

            ****** Message from InterScan E-Mail VirusWall NT ******

            The following mail could not be delivered.
            Reason:  Exceeded Maximum Delivery Attempts.

            """
        let scanned = Self.classify(virusWall)
        #expect(scanned.first?.detector == "trendmicro")
        #expect(scanned.first?.kind == .bounce)
        #expect(scanned.first?.recipient == nil)
        // The banner is not the diagnostic: the words from the failure on are.
        #expect(scanned.first?.diagnostic?.hasPrefix("The following mail could not be delivered.") == true)
    }

    @Test("a notice from MDaemon is a bounce")
    func mdaemon() {
        let report = """
            From: MDaemon@mail.example.py
            To: list-bounces@lists.example.org
            Subject: Warning: kulp@mail.example.py - User unknown!

            kulp@mail.example.py - no such user here.

            There is no user by that name at this server.

            """
        let findings = Self.classify(report)
        #expect(findings.map(\.recipient) == ["kulp@mail.example.py"])
        #expect(findings.first?.kind == .bounce)
    }
}
