import Foundation
import Testing

/// `events parse` end to end: the built binary on the bundled samples, on standard input, and on
/// bad input.
@Suite("events parse")
struct ParseCommandTests {
    static let keys = ["source", "message", "kind", "recipient", "reason", "status", "reply_code", "action", "hard",
                       "sender_side", "diagnostic", "remote_mta"]

    @Test func jsonlForAFolderOfSamples() throws {
        let result = try EventsBinary.run(["parse", "samples/postfix"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let records = result.lines.map(EventsBinary.json)
        #expect(records.count == 5)
        for record in records {
            for key in Self.keys { #expect(record.keys.contains(key), "missing \(key)") }
        }
        let bounce = try #require(records.first { ($0["source"] as? String)?.hasSuffix("remote-rejection.eml") == true })
        #expect(bounce["kind"] as? String == "bounce")
        #expect(bounce["recipient"] as? String == "ghost@remote.test")
        #expect(bounce["reason"] as? String == "userunknown")
        #expect(bounce["status"] as? String == "5.1.1")
        #expect(bounce["reply_code"] as? Int == 550)
        #expect(bounce["hard"] as? Bool == true)
        #expect(bounce["message"] as? Int == 1)
        #expect(Set(records.compactMap { $0["kind"] as? String }) == ["bounce", "delay", "delivered"])
    }

    @Test func standardInputCarryingAnMboxStreamWithCRLF() throws {
        let delayed = try Data(contentsOf: EventsBinary.repositoryRoot.appendingPathComponent("samples/postfix/delayed.eml"))
        let unknown = try Data(contentsOf: EventsBinary.repositoryRoot.appendingPathComponent("samples/postfix/unknown-local-user.eml"))
        var mbox = Data("From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n".utf8) + delayed + Data("\n".utf8)
        mbox += Data("From MAILER-DAEMON Mon Nov  2 10:00:01 2026\n".utf8) + unknown
        let crlf = Data(String(decoding: mbox, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let result = try EventsBinary.run(["parse", "-"], stdin: crlf)
        #expect(result.status == 0)
        let records = result.lines.map(EventsBinary.json)
        #expect(records.map { $0["source"] as? String } == ["-", "-"])
        #expect(records.map { $0["message"] as? Int } == [1, 2])
        #expect(records.map { $0["kind"] as? String } == ["delay", "bounce"])
        #expect(records.map { $0["recipient"] as? String } == ["someone@slow.test", "nobody@local.test"])
    }

    @Test func aMessageThatIsNoReportIsUnrecognized() throws {
        let result = try EventsBinary.run(["parse", "-"], stdin: Data("From: a@b.example\nSubject: hi\n\nhello\n".utf8))
        #expect(result.status == 0)
        #expect(EventsBinary.json(result.lines.first ?? "")["kind"] as? String == "unrecognized")
    }

    @Test func anUnreadablePathIsReportedAndTheRunGoesOn() throws {
        let result = try EventsBinary.run(["parse", "/nonexistent/inbox", "samples/postfix/delivered.eml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read '/nonexistent/inbox'"))
        #expect(result.lines.count == 1)
    }

    @Test(arguments: [["parse"], ["parse", "--format", "xml", "samples"], ["parse", "--no-such-flag", "samples"], ["frobnicate"]])
    func usageErrorsExitWithTwo(_ arguments: [String]) throws {
        let result = try EventsBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Error"))
        #expect(result.stdout.isEmpty)
    }

    @Test func tableFitsAHundredColumns() throws {
        let result = try EventsBinary.run(["parse", "--format", "table", "samples/postfix"])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("SOURCE") == true)
        #expect(result.lines.count == 6)
        #expect(result.lines.allSatisfy { $0.count <= 100 })
    }

    @Test func helpAndVersion() throws {
        let help = try EventsBinary.run(["parse", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Maildir"))
        #expect(try EventsBinary.run(["--version"]).status == 0)
    }

    /// --explain: the rule and every step, in JSON and in the table.
    @Test func explainPrintsTheDecision() throws {
        let path = "samples/postfix/remote-rejection.eml"
        let json = try EventsBinary.run(["parse", "--explain", path])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["rule"] as? String == "status 5.1.1 (RFC 3463)")
        let trace = try #require(object["trace"] as? [String])
        #expect(trace.first?.hasPrefix("evidence: action failed, status 5.1.1, reply 550") == true)
        #expect(trace.last == "→ userunknown: status 5.1.1 (RFC 3463)")
        let plain = try EventsBinary.run(["parse", path])
        #expect(plain.stdout.contains("\"rule\":\"status 5.1.1 (RFC 3463)\""))
        #expect(!plain.stdout.contains("\"trace\""))
        let table = try EventsBinary.run(["parse", "--explain", "--format", "table", path])
        #expect(table.stdout.contains("\n    provider rules: none matched\n"))
        #expect(table.stdout.hasSuffix("    → userunknown: status 5.1.1 (RFC 3463)\n"))
    }

    /// The quick start's `events parse samples/` reads the messages only: the scheduling samples
    /// (unit files, a cron line, a config file) and the READMEs beside them are not mail.
    @Test func theQuickStartReadsOnlyTheSampleMessages() throws {
        let result = try EventsBinary.run(["parse", "samples/"])
        #expect(result.status == 0, "\(result.stderr)")
        let sources = result.lines.compactMap { EventsBinary.json($0)["source"] as? String }
        #expect(!sources.isEmpty)
        #expect(sources.allSatisfy { $0.hasSuffix(".eml") }, "\(sources.filter { !$0.hasSuffix(".eml") })")
    }

    /// The README's `--explain` examples are what the binary prints today.
    @Test func readmeExplainExamplesAreCurrent() throws {
        let readme = try String(contentsOf: EventsBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "#### Why that reason: `--explain`").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let examples = block.components(separatedBy: "$ events ").dropFirst()
        #expect(examples.count == 3)
        for example in examples {
            let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
            let arguments = lines[0].split(separator: " ").map(String.init)
            let expected = lines.dropFirst().joined(separator: "\n").trimmingCharacters(in: .newlines)
            let result = try EventsBinary.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.trimmingCharacters(in: .newlines) == expected, "README example: events \(lines[0])")
        }
    }

    /// The formats' values in the usage error and in the shell completions.
    @Test func formatValuesAreListedInErrorsAndCompletions() throws {
        let parse = try EventsBinary.run(["parse", "--format", "xml", "samples/postfix"])
        #expect(parse.status == 2)
        #expect(parse.stderr.contains("The value 'xml' is invalid for '--format <format>'. Please provide one of 'jsonl' and 'table'."))
        let list = try EventsBinary.run(["list", "--format", "xml"])
        #expect(list.status == 2)
        #expect(list.stderr.contains("Please provide one of 'table', 'json', 'csv' or 'tsv'."))
        let show = try EventsBinary.run(["show", "1", "--format", "xml"])
        #expect(show.status == 2)
        #expect(show.stderr.contains("Please provide one of 'text' and 'json'."))
        let bash = try EventsBinary.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        #expect(bash.stdout.contains("-W 'jsonl'$'\\n''table'"))
        #expect(bash.stdout.contains("-W 'table'$'\\n''json'$'\\n''csv'$'\\n''tsv'"))
        #expect(bash.stdout.contains("-W 'text'$'\\n''json'"))
    }
}
