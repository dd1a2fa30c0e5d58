import Logging

/// swift-log, writing to standard error (timestamp, level, message): what long and scheduled runs
/// have to say besides their results.
enum Log {
    /// Installs the standard-error handler once, before the first logger is made.
    private static let bootstrapped: Bool = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        return true
    }()

    /// The logger of `events ingest`.
    static let ingest: Logger = {
        _ = bootstrapped
        return Logger(label: "events.ingest")
    }()

    /// The logger of `events send`.
    static let send: Logger = {
        _ = bootstrapped
        return Logger(label: "events.send")
    }()
}
