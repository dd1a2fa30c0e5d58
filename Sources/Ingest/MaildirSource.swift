#if canImport(Glibc)
import Glibc
#endif

/// A Maildir that `events ingest` reads: the messages in `new/` and those in `cur/` not yet marked
/// Seen, each marked processed once stored — moved to `cur/` with the Seen flag, or into the
/// processed folder when one is given. maildir(5); https://cr.yp.to/proto/maildir.html.
public struct MaildirSource: Sendable {
    /// The Maildir's path, absolute.
    public let path: String
    /// Where processed messages go (a Maildir; they land in its `cur/`), or nil to keep them here.
    public let processedFolder: String?

    /// Checks that `path` is a Maildir and prepares `processedFolder` (created as a Maildir if
    /// missing; it must be on the same file system so that a message moves with one rename).
    public init(path: String, processedFolder: String? = nil) throws(InputError) {
        self.path = try Self.checkMaildir(path)
        if let processedFolder {
            if case .missing = FileReader.kind(of: processedFolder) {
                for folder in [processedFolder, processedFolder + "/tmp", processedFolder + "/new", processedFolder + "/cur"] {
                    if mkdir(folder, 0o700) != 0, errno != EEXIST {
                        throw InputError(path: folder, reason: "cannot create the processed folder: \(FileReader.lastError())")
                    }
                }
            }
            let processed = try Self.checkMaildir(processedFolder)
            if try Self.device(of: processed + "/cur") != Self.device(of: self.path + "/cur") {
                throw InputError(path: processedFolder, reason: "is on another file system than the Maildir "
                                 + "'\(path)'; choose a processed folder on the same one, so a message moves with one rename")
            }
            self.processedFolder = processed
        } else {
            self.processedFolder = nil
        }
    }

    private static func checkMaildir(_ path: String) throws(InputError) -> String {
        let names = try FileReader.list(directory: path)
        guard Maildir.isMaildir(path, names: names) else {
            throw InputError(path: path, reason: "is not a Maildir (it has no new/ and cur/ folders)")
        }
        guard let resolved = realpath(path, nil) else { throw InputError(path: path, reason: FileReader.lastError()) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func device(of path: String) throws(InputError) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(path: path, reason: FileReader.lastError()) }
        return UInt64(info.st_dev)
    }

    /// The messages to take in: `new/` then the unseen messages of `cur/`, never `tmp/`, where
    /// deliveries are still being written. Names come in sorted chunks (for the usual unique names,
    /// delivery order), so a Maildir of any size is walked in constant memory.
    public func forEachPendingFile(_ body: (MaildirFile) throws -> Void) throws {
        for folder in ["new", "cur"] {
            try FileReader.forEachNameChunk(in: MessageInput.join(path, folder)) { names in
                for name in names {
                    let file = MaildirFile(maildir: path, folder: folder, name: name)
                    if folder == "new" || !file.isSeen { try body(file) }
                }
            }
        }
    }

    /// All pending files at once; for tests and small Maildirs.
    public func pendingFiles() throws -> [MaildirFile] {
        var files: [MaildirFile] = []
        try forEachPendingFile { files.append($0) }
        return files
    }

    /// How many messages are pending, counted without keeping their names: for progress.
    public func pendingCount() throws -> Int {
        var count = 0
        try forEachPendingFile { _ in count += 1 }
        return count
    }

    /// Reads a message file; nil when it has vanished since it was listed (another run took it).
    public func read(_ file: MaildirFile) throws(InputError) -> [UInt8]? {
        try FileReader.readIfPresent(path: file.path)
    }
}
