import MailModel

/// The body of a `message/delivery-status` part: one group of per-message fields, then one group
/// per recipient. RFC 3464 §2.1.
///
///     delivery-status-content = per-message-fields 1*( CRLF per-recipient-fields )   (RFC 3464 §2.1)
public struct DeliveryStatus: Sendable, Equatable {
    public var perMessage: PerMessageFields
    public var recipients: [PerRecipientFields]

    /// Per-message DSN fields. RFC 3464 §2.2.
    public struct PerMessageFields: Sendable, Equatable {
        /// `Reporting-MTA: dns; host` (§2.2.2), the host part.
        public var reportingMTA: String?
        /// `Original-Envelope-Id` (§2.2.1): the ENVID the sender gave (RFC 3461 §4.4).
        public var originalEnvelopeID: String?
        /// `Arrival-Date` (§2.2.5).
        public var arrivalDate: String?
        /// `Received-From-MTA` (§2.2.4), the host part.
        public var receivedFromMTA: String?
        /// Every field of the group, extension (`X-`) fields included.
        public var fields: HeaderFields
    }

    /// Per-recipient DSN fields. RFC 3464 §2.3.
    public struct PerRecipientFields: Sendable, Equatable {
        /// `Original-Recipient` (§2.3.1), the address.
        public var originalRecipient: String?
        /// `Final-Recipient` (§2.3.2), the address.
        public var finalRecipient: String?
        /// `Action` (§2.3.3), lowercased: failed, delayed, delivered, relayed, expanded.
        public var action: String?
        /// `Status` (§2.3.4).
        public var status: StatusCode?
        /// `Remote-MTA` (§2.3.5), the host part.
        public var remoteMTA: String?
        /// `Diagnostic-Code` (§2.3.6): the text after the diagnostic type (`smtp;`), unfolded.
        public var diagnosticCode: String?
        /// The diagnostic type, lowercased (`smtp`, `x-unix`, `x-postfix`).
        public var diagnosticType: String?
        /// `Last-Attempt-Date` (§2.3.7).
        public var lastAttemptDate: String?
        /// `Will-Retry-Until` (§2.3.9).
        public var willRetryUntil: String?
        public var fields: HeaderFields

        /// The recipient the group is about: Final-Recipient, else Original-Recipient.
        public var recipient: String? { finalRecipient ?? originalRecipient }
    }
}

extension DeliveryStatus {
    /// Parses a delivery-status body. Lenient where real reporters are: groups may be separated by
    /// lines of white space or not at all, per-message fields may share a group with the first
    /// recipient's, and unknown fields are kept.
    public static func parse(_ text: String) -> DeliveryStatus {
        var perMessage = HeaderFields()
        var recipients: [PerRecipientFields] = []
        for block in HeaderBlock.paragraphs(Substring(text)) {
            let fields = HeaderBlock.parse(block)
            // A group holding several recipients without blank lines between them: split at each
            // Final-Recipient / Original-Recipient that begins a new recipient.
            for group in splitRecipients(fields) {
                if group.contains("final-recipient") || group.contains("original-recipient") {
                    recipients.append(PerRecipientFields(fields: group))
                } else if recipients.isEmpty {
                    for field in group { perMessage.append(field) }
                } else if let last = recipients.indices.last {
                    // Fields after a recipient group but apart from it: still that recipient's.
                    var merged = recipients[last].fields
                    for field in group { merged.append(field) }
                    recipients[last] = PerRecipientFields(fields: merged)
                }
            }
        }
        return DeliveryStatus(perMessage: PerMessageFields(fields: perMessage), recipients: recipients)
    }

    private static let perMessageKeys = [
        "reporting-mta", "original-envelope-id", "arrival-date", "received-from-mta", "dsn-gateway",
        "x-postfix-queue-id", "x-postfix-sender",
    ]

    /// Cuts one field list into the per-message part and one list per recipient. Names are
    /// compared as keys (`HeaderField.hasKey`), without lowercasing each field's name.
    private static func splitRecipients(_ fields: HeaderFields) -> [HeaderFields] {
        var groups: [HeaderFields] = []
        var current = HeaderFields()
        var currentHasRecipient = false
        var sawFinal = false
        var sawOriginal = false
        for field in fields {
            let isFinal = field.hasKey("final-recipient")
            let isOriginal = !isFinal && field.hasKey("original-recipient")
            let startsRecipient = isFinal || isOriginal
            let repeated = (isFinal && sawFinal) || (isOriginal && sawOriginal)
            let perMessageAfterRecipient = currentHasRecipient && isPerMessage(field)
            if (startsRecipient && repeated) || (startsRecipient && !currentHasRecipient && !current.isEmpty && hasOnlyPerMessage(current))
                || perMessageAfterRecipient {
                groups.append(current)
                current = HeaderFields()
                currentHasRecipient = false
                sawFinal = false
                sawOriginal = false
            }
            if isFinal { sawFinal = true; currentHasRecipient = true }
            if isOriginal { sawOriginal = true; currentHasRecipient = true }
            current.append(field)
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    private static let perRecipientKeys = [
        "action", "status", "remote-mta", "diagnostic-code", "last-attempt-date", "will-retry-until",
        "final-log-id", "final-recipient", "original-recipient",
    ]

    private static func isPerMessage(_ field: HeaderField) -> Bool {
        perMessageKeys.contains { field.hasKey($0) }
    }

    private static func hasOnlyPerMessage(_ fields: HeaderFields) -> Bool {
        fields.allSatisfy { field in
            isPerMessage(field) || !perRecipientKeys.contains { field.hasKey($0) }
        }
    }
}

extension DeliveryStatus.PerMessageFields {
    init(fields: HeaderFields) {
        self.init(reportingMTA: fields["reporting-mta"].map(DeliveryStatus.typedValue),
                  originalEnvelopeID: fields["original-envelope-id"]?.trimmingWhitespace(),
                  arrivalDate: fields["arrival-date"], receivedFromMTA: fields["received-from-mta"].map(DeliveryStatus.typedValue),
                  fields: fields)
    }
}

extension DeliveryStatus.PerRecipientFields {
    init(fields: HeaderFields) {
        let diagnostic = fields["diagnostic-code"].map { DeliveryStatus.splitType($0) }
        self.init(
            originalRecipient: fields["original-recipient"].flatMap { Address.fromReportField($0) },
            finalRecipient: fields["final-recipient"].flatMap { Address.fromReportField($0) },
            action: fields["action"].map { DeliveryStatus.action(DeliveryStatus.firstWord($0).lowercased()) },
            status: fields["status"].flatMap { StatusCode.first(in: $0) },
            remoteMTA: fields["remote-mta"].map(DeliveryStatus.typedValue),
            diagnosticCode: diagnostic.flatMap { $0.value.isEmpty ? nil : $0.value },
            diagnosticType: diagnostic?.type,
            lastAttemptDate: fields["last-attempt-date"],
            willRetryUntil: fields["will-retry-until"],
            fields: fields)
    }
}

extension DeliveryStatus {
    /// `dns; mx.example.com` → `mx.example.com`; a value without a type is kept whole. Bracketed
    /// addresses after the host (`mx.example.com [192.0.2.1]`) stay as written.
    static func typedValue(_ value: String) -> String {
        splitType(value).value
    }

    /// `smtp; 550 5.1.1 …` → (`smtp`, `550 5.1.1 …`). RFC 3464 §2.3.6: diagnostic-type ";" *text.
    static func splitType(_ value: String) -> (type: String?, value: String) {
        var value = value
        if let plain = value.withUTF8({ PlainASCII.isPlain($0) ? splitType(plain: $0) : nil }) { return plain }
        return splitType(characters: value)
    }

    /// `splitType(_:)` by Characters, for any text.
    static func splitType(characters value: String) -> (type: String?, value: String) {
        guard let semicolon = value.firstIndex(of: ";") else { return (nil, value.trimmingWhitespace()) }
        let type = value[..<semicolon].trimmingWhitespace()
        guard !type.isEmpty, type.count <= 20, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            return (nil, value.trimmingWhitespace())
        }
        return (type.lowercased(), value[value.index(after: semicolon)...].trimmingWhitespace())
    }

    /// `splitType(_:)` of plain ASCII (see `PlainASCII`), by bytes.
    private static func splitType(plain bytes: UnsafeBufferPointer<UInt8>) -> (type: String?, value: String) {
        guard let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) else { return (nil, WhitespaceTrimming.trimmed(bytes)) }
        var start = 0
        var end = semicolon
        while start < end, WhitespaceTrimming.isWhitespace(bytes[start]) { start += 1 }
        while end > start, WhitespaceTrimming.isWhitespace(bytes[end - 1]) { end -= 1 }
        let type = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard !type.isEmpty, type.count <= 20,
              type.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }) else {
            return (nil, WhitespaceTrimming.trimmed(bytes))
        }
        let lowered = String(unsafeUninitializedCapacity: type.count) { buffer in
            for index in 0..<type.count { buffer[index] = PlainASCII.lowercased(type[index]) }
            return type.count
        }
        return (lowered, WhitespaceTrimming.trimmed(UnsafeBufferPointer(rebasing: bytes[(semicolon + 1)...])))
    }

    static func firstWord(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace()
        return String(trimmed.prefix { !$0.isWhitespace && $0 != "(" && $0 != ";" })
    }

    /// RFC 3464 §2.3.3's action words; the variants some MTAs write ("failure", "delay") read as
    /// the word they mean.
    static func action(_ word: String) -> String {
        if word.hasPrefix("fail") { return "failed" }
        if word.hasPrefix("delay") { return "delayed" }
        return word
    }
}
