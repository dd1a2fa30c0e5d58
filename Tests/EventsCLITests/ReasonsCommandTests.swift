import BounceKit
import Foundation
import Testing

/// `events reasons`: every reason name explained in one line.
@Suite("events reasons")
struct ReasonsCommandTests {
    @Test func everyReasonHasOneLineInItsGroup() throws {
        let result = try EventsBinary.run(["reasons"])
        #expect(result.status == 0)
        let lines = result.lines
        let delivery = try #require(lines.firstIndex { $0.hasPrefix("Delivery reasons") })
        let submission = try #require(lines.firstIndex { $0.hasPrefix("Submission reasons") })
        #expect(delivery < submission)
        for reason in Reason.allCases {
            let line = try #require(lines.first { $0.hasPrefix("  \(reason.rawValue) ") })
            #expect(lines.firstIndex(of: line)! < submission)
            #expect(line.hasSuffix(reason.meaning))
        }
        for reason in SubmissionReason.allCases {
            let line = try #require(lines.first { $0.hasPrefix("  \(reason.rawValue) ") })
            #expect(lines.firstIndex(of: line)! > submission)
        }
        #expect(lines.contains { $0.hasPrefix("  onhold ") && $0.hasSuffix("the report gives no definite cause") })
        #expect(lines.count == 2 + Reason.allCases.count + SubmissionReason.allCases.count)
    }

    @Test func jsonIsOneObjectPerReason() throws {
        let result = try EventsBinary.run(["reasons", "--format", "json"])
        #expect(result.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        #expect(items.count == Reason.allCases.count + SubmissionReason.allCases.count)
        #expect(items.filter { $0["group"] == "delivery" }.compactMap { $0["reason"] } == Reason.allCases.map(\.rawValue))
        #expect(items.filter { $0["group"] == "submission" }.compactMap { $0["reason"] } == SubmissionReason.allCases.map(\.rawValue))
        #expect(items.allSatisfy { !($0["meaning"] ?? "").isEmpty && Set($0.keys) == ["group", "reason", "meaning"] })
    }
}
