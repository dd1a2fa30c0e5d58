import Logging

/// swift-log, writing to standard error (timestamp, level, message): what long and scheduled runs
/// have to say besides their results.
enum Log {
    /// The logger of `events ingest`, set up on first use.
    static let ingest: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        return Logger(label: "events.ingest")
    }()
}
