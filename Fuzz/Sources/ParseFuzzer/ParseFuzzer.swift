import BounceKit
import MailCore

/// libFuzzer's entry point: one input is one raw message, taken the way ingestion takes it
/// (`MessageClassifier.classification(for:)`): the bounds check, then libetpan's MIME parse and
/// the detectors. A crash, a sanitizer report or a timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let classifier = BounceClassifier()
    let findings: [Finding]
    if let violation = MessageBounds.violation(in: bytes) {
        findings = [Finding(kind: .unrecognized, reason: .undefined, detector: "bounds", cause: violation.description)]
    } else {
        findings = classifier.classify(MIMEParser.parse(bytes))
    }
    // The findings must be usable: read every text a support person would see.
    var length = 0
    for finding in findings { length += finding.cause.utf8.count + finding.remedy.utf8.count }
    return length >= 0 ? 0 : 1
}
