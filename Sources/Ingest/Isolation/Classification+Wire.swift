import BounceKit
import MailModel

/// A classification in the byte form a classifier worker sends its parent (`WireWriter`): every
/// field of every finding, so that a message classified in a worker is stored exactly as one
/// classified in process.
extension Classification {
    func wireBytes() -> [UInt8] {
        var writer = WireWriter(capacity: 4096)
        write(to: &writer)
        return writer.bytes
    }

    /// Appends the wire bytes to `writer` (a worker writes each answer into one buffer it keeps,
    /// `WireWriter.frame`).
    func write(to writer: inout WireWriter) {
        writer.count(findings.count)
        for finding in findings { finding.write(to: &writer) }
        writer.string(messageID)
        writer.optional(date) { $0.integer($1) }
        writer.count(envelope.count)
        for address in envelope { writer.string(address) }
    }

    init(wireBytes: [UInt8]) throws(WireError) {
        var reader = WireReader(wireBytes)
        let count = try reader.count()
        var findings: [Finding] = []
        for _ in 0..<count { findings.append(try Finding(from: &reader)) }
        let messageID = try reader.optionalString()
        let date = try reader.flag() ? try reader.integer() : nil
        var envelope: [String] = []
        for _ in 0..<(try reader.count()) { envelope.append(try reader.string()) }
        guard reader.isAtEnd, !findings.isEmpty else { throw WireError() }
        self.init(findings: findings, messageID: messageID, date: date, envelope: envelope)
    }
}

extension Finding {
    /// The number of stored properties `write(to:)` and `init(from:)` carry; a test compares it
    /// with the type's, so a new field cannot be forgotten here.
    static let wireFieldCount = 21

    fileprivate func write(to writer: inout WireWriter) {
        writer.string(kind.rawValue)
        writer.string(recipient)
        writer.string(originalRecipient)
        writer.string(reason.rawValue)
        writer.flag(hard)
        writer.optional(status) { $0.integer(Int64($1.class * 1_000_000 + $1.subject * 1_000 + $1.detail)) }
        writer.optional(replyCode) { $0.integer(Int64($1.value)) }
        writer.string(action)
        writer.string(diagnostic)
        writer.string(remoteMTA)
        writer.string(reportingMTA)
        writer.string(envelopeID)
        writer.string(feedbackType)
        writer.optional(original) { writer, original in
            writer.string(original.messageID)
            writer.string(original.subject)
            writer.string(original.from)
            writer.string(original.to)
            writer.string(original.date)
            writer.count(original.extensionHeaders.count)
            for field in original.extensionHeaders {
                writer.string(field.name)
                writer.string(field.value)
            }
        }
        writer.string(detector)
        writer.flag(senderSide)
        writer.string(cause)
        writer.string(remedy)
        writer.string(rule)
        writer.count(trace.count)
        for step in trace { writer.string(step) }
        writer.optional(providerRule) { $0.integer(Int64($1)) }
    }

    fileprivate init(from reader: inout WireReader) throws(WireError) {
        guard let kind = Kind(rawValue: try reader.string()) else { throw WireError() }
        let recipient = try reader.optionalString()
        let originalRecipient = try reader.optionalString()
        guard let reason = Reason(rawValue: try reader.string()) else { throw WireError() }
        let hard = try reader.flag()
        var status: StatusCode?
        if try reader.flag() {
            let packed = Int(try reader.integer())
            status = StatusCode(class: packed / 1_000_000, subject: packed / 1_000 % 1_000, detail: packed % 1_000)
        }
        let replyCode = try reader.flag() ? ReplyCode(Int(try reader.integer())) : nil
        let action = try reader.optionalString(), diagnostic = try reader.optionalString()
        let remoteMTA = try reader.optionalString(), reportingMTA = try reader.optionalString()
        let envelopeID = try reader.optionalString(), feedbackType = try reader.optionalString()
        var original: OriginalMessage?
        if try reader.flag() {
            var message = OriginalMessage(messageID: try reader.optionalString(), subject: try reader.optionalString(),
                                          from: try reader.optionalString(), to: try reader.optionalString(),
                                          date: try reader.optionalString())
            for _ in 0..<(try reader.count()) {
                message.extensionHeaders.append(HeaderField(name: try reader.string(), value: try reader.string()))
            }
            original = message
        }
        self.init(kind: kind, recipient: recipient, reason: reason, hard: hard, status: status, replyCode: replyCode,
                  action: action, diagnostic: diagnostic, remoteMTA: remoteMTA, reportingMTA: reportingMTA,
                  envelopeID: envelopeID, feedbackType: feedbackType, original: original,
                  detector: try reader.string(), senderSide: try reader.flag(), cause: try reader.string(),
                  remedy: try reader.string(), originalRecipient: originalRecipient, rule: try reader.string(),
                  trace: try Self.readTrace(&reader), providerRule: try reader.flag() ? Int(try reader.integer()) : nil)
    }

    private static func readTrace(_ reader: inout WireReader) throws(WireError) -> [String] {
        var steps: [String] = []
        for _ in 0..<(try reader.count()) { steps.append(try reader.string()) }
        return steps
    }
}
