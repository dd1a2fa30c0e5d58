/// A Postfix-style RFC 3464 report addressed to the event mailbox, for the matching tests.
enum ReportFixture {
    /// `recipientFields` are the per-recipient fields before `Action:` (`Final-Recipient: …`, …);
    /// `envelopeID` adds an `Original-Envelope-Id`.
    static func dsn(to envelope: String, recipientFields: [String], envelopeID: String? = nil) -> String {
        """
        From: MAILER-DAEMON@mx.test
        To: \(envelope)
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        Your message could not be delivered.

        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.test
        \(envelopeID.map { "Original-Envelope-Id: \($0)\n" } ?? "")
        \(recipientFields.joined(separator: "\n"))
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 User unknown

        --B--

        """
    }
}
