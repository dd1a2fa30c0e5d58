import Foundation
import Testing

/// Every command's help shows how it is used, and the examples use options the command has: read
/// from the binary's own description of its commands (`--experimental-dump-help`).
@Suite("help examples")
struct HelpExamplesTests {
    struct Command {
        var path: [String]
        var discussion: String
        var options: Set<String>
        var subcommands: [String]
    }

    static func commands() throws -> [Command] {
        let result = try EventsBinary.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var found: [Command] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            guard command["shouldDisplay"] as? Bool ?? true else { return }
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let names = arguments.flatMap { ($0["names"] as? [[String: Any]]) ?? [] }
                .filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            found.append(Command(path: path, discussion: command["discussion"] as? String ?? "", options: Set(names),
                                 subcommands: subcommands.compactMap { $0["commandName"] as? String }))
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(try #require(root["command"] as? [String: Any]), ["events"])
        return found.filter { $0.path.last != "help" }
    }

    @Test func everyCommandShowsExamplesThatUseItsOwnOptions() throws {
        let commands = try Self.commands()
        #expect(commands.count > 20)
        let byPath = Dictionary(commands.map { ($0.path.joined(separator: " "), $0) }, uniquingKeysWith: { first, _ in first })
        for command in commands {
            let name = command.path.joined(separator: " ")
            #expect(command.discussion.contains("Example"), "`\(name) --help` shows no example")
            for line in command.discussion.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard words.first == "events" else { continue }
                // The command the example runs: the longest run of subcommand names after `events`.
                var path = ["events"]
                for word in words.dropFirst() {
                    guard let current = byPath[path.joined(separator: " ")], current.subcommands.contains(word) else { break }
                    path.append(word)
                }
                let target = try #require(byPath[path.joined(separator: " ")])
                for word in words where word.hasPrefix("--") {
                    let option = String(word.dropFirst(2).prefix { $0 != "=" })
                    let example = line.trimmingCharacters(in: .whitespaces), runs = path.joined(separator: " ")
                    #expect(target.options.contains(option), "`\(example)`: \(runs) has no --\(option)")
                }
            }
        }
    }
}
