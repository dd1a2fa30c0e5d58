import MailModel

/// Turns a parsed message into findings by asking each detector in turn; the first that
/// recognises the message decides. A message no detector recognises gives one `unrecognized`
/// finding, so nothing that arrives goes unrecorded.
public struct BounceClassifier: Sendable {
    public let detectors: [any ReportDetector]
    /// Whether findings carry every step of their reason decision (`Finding.trace`), as
    /// `--explain` prints them; the deciding rule is always kept.
    public let recordsSteps: Bool

    public init(detectors: [any ReportDetector] = BounceClassifier.standardDetectors, recordsSteps: Bool = false) {
        self.detectors = detectors
        self.recordsSteps = recordsSteps
    }

    /// The detectors in the order they are tried: structured reports before text heuristics.
    public static let standardDetectors: [any ReportDetector] = [
        // A challenge-response request is a non-failure whatever form it takes (some services
        // send it as a delay notice): it is recognised first. It never comes from a mail system.
        ChallengeDetector(),
        DeliveryStatusDetector(),
        ComplaintDetector(),
        // Read receipts and plain-text delivery notices: the message arrived.
        DeliveryNoticeDetector(),
        // An automatic reply (RFC 3834) from a person's mailbox, not a mail system: never read as
        // a bounce, however its text is worded.
        AutomaticReplyDetector(),
        // Vendor formats, recognised by their own headers, senders and wording.
        AmazonSESDetector(),
        AmazonWorkMailDetector(),
        ActiveHunterDetector(),
        GoogleGroupsDetector(),
        GmailDetector(),
        MailRuDetector(),
        GMXDetector(),
        EinsUndEinsDetector(),
        ZohoDetector(),
        MXLogicDetector(),
        YahooDetector(),
        DragonFlyDetector(),
        OpenSMTPDDetector(),
        Exchange2003Detector(),
        MicrosoftDetector(),
        DominoDetector(),
        NotesDetector(),
        TrendMicroDetector(),
        MessageLabsDetector(),
        MimecastDetector(),
        EZwebDetector(),
        KDDIDetector(),
        DocomoDetector(),
        CourierDetector(),
        IMailDetector(),
        MessagingServerDetector(),
        MFilterDetector(),
        McAfeeDetector(),
        SurfControlDetector(),
        VerizonDetector(),
        FMLDetector(),
        MailFoundryDetector(),
        MailMarshalDetector(),
        QmailDetector(),
        EximDetector(),
        PostfixDetector(),
        V5SendmailDetector(),
        SendmailDetector(),
        // Messages written by people on the recipient's side: never failures.
        HumanReplyDetector(),
        // Last: a plain-text bounce of no known family.
        PlainTextBounceDetector(),
    ]

    public func classify(_ root: MIMEPart) -> [Finding] {
        guard recordsSteps else { return classifyMessage(root) }
        return ReasonDecider.$recordsSteps.withValue(true) { classifyMessage(root) }
    }

    private func classifyMessage(_ root: MIMEPart) -> [Finding] {
        let message = IncomingMessage(root)
        for detector in detectors {
            if let findings = detector.findings(in: message), !findings.isEmpty {
                return findings.map { Explanation.explained(Self.ruled($0)) }
            }
        }
        return [Explanation.explained(Finding(kind: .unrecognized, reason: .undefined, original: message.original, detector: "none",
                                              rule: "no detector recognised the message"))]
    }

    /// A finding its detector decided alone (a complaint, an automatic reply, …) names that
    /// detector as its rule.
    static func ruled(_ finding: Finding) -> Finding {
        guard finding.rule.isEmpty else { return finding }
        var finding = finding
        finding.rule = "\(finding.detector) detector: \(finding.kind.rawValue)"
        return finding
    }
}
