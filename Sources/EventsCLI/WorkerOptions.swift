import ArgumentParser

/// How several `events ingest` workers (on one host, or on several sharing a PostgreSQL store)
/// share a source: an IMAP folder is read by one worker at a time, a Maildir may be split into
/// parts that workers claim one at a time. Each may also come from the config file.
struct WorkerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Seconds a worker's claim on an IMAP folder or a Maildir part lasts unless renewed (default 120); a worker "
            + "that dies is replaced this long after.", valueName: "seconds"))
    var lease: Int?

    @Option(help: ArgumentHelp(
        "Split the Maildir into N parts that workers claim one at a time, so several workers on it share the work "
            + "(default 1: a run takes all; every worker on one Maildir must give the same N).", valueName: "n"))
    var shards: Int?

    /// --lease, else `lease` in the config file, else 120 seconds.
    func leaseSeconds(config: ConfigFile?) throws -> Int {
        let lease = try self.lease ?? config?.int("lease") ?? 120
        guard (2...86_400).contains(lease) else {
            throw CommandFailure("--lease takes a number of seconds from 2 to 86400, not \(lease)")
        }
        return lease
    }

    /// --shards, else `shards` in the config file, else 1.
    func shardCount(config: ConfigFile?) throws -> Int {
        let shards = try self.shards ?? config?.int("shards") ?? 1
        guard (1...4096).contains(shards) else {
            throw CommandFailure("--shards takes a number of parts from 1 to 4096, not \(shards)")
        }
        return shards
    }
}
