import BounceKit
import MailCore

extension MessageClassifier {
    /// The classification of a message kept out of the MIME parser because it exceeds
    /// `MessageBounds`: one unrecognized finding whose cause says which limit, with the
    /// Message-ID and Date read from the leading header fields when they are there.
    static func unparsed(_ bytes: [UInt8], _ violation: BoundsViolation) -> Classification {
        let headers = MIMEParser.leadingHeaders(bytes)
        let finding = Finding(
            kind: .unrecognized, reason: .undefined, detector: "bounds", cause: violation.description,
            remedy: "Nothing was recorded from it. Open the raw message to see whether it matters; "
                + "mail software does not write messages like this, so it is most likely junk or an attack.")
        let messageID = headers["message-id"].map(Address.stripAngles).flatMap { $0.isEmpty ? nil : $0 }
        return Classification(findings: [finding], messageID: messageID,
                              date: headers["date"].flatMap(MessageDate.secondsSince1970))
    }
}
