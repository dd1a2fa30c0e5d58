#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import EventStore
import Foundation

/// A Maildir that `events ingest` reads: the messages in `new/` and those in `cur/` not yet marked
/// Seen, each marked processed once stored — moved to `cur/` with the Seen flag, or into the
/// processed folder when one is given. Only regular files are read, never through a symbolic link:
/// anything else in `new/` or `cur/` is reported and left in place. maildir(5);
/// https://cr.yp.to/proto/maildir.html.
public final class MaildirSource: MessageSource, @unchecked Sendable {
    /// The Maildir's path, absolute.
    public let path: String
    /// Where processed messages go (a Maildir; they land in its `cur/`), or nil to keep them here.
    public let processedFolder: String?
    /// The part of the Maildir this source reads (`--shards`); nil: all of it.
    public let shard: MaildirShard?
    private let marking = DispatchQueue(label: "events.maildir-marking")
    private let failures = Failures()

    /// Checks that `path` is a Maildir and prepares `processedFolder` (created as a Maildir if
    /// missing; it must be on the same file system so that a message moves with one rename).
    public init(path: String, processedFolder: String? = nil, shard: MaildirShard? = nil) throws(InputError) {
        let path = try Self.checkMaildir(path)
        self.path = path
        self.shard = shard
        if let processedFolder {
            if case .missing = FileReader.kind(of: processedFolder) {
                for folder in [processedFolder, processedFolder + "/tmp", processedFolder + "/new", processedFolder + "/cur"] {
                    if mkdir(folder, 0o700) != 0, errno != EEXIST {
                        throw InputError(path: folder, reason: "cannot create the processed folder: \(FileReader.lastError())")
                    }
                }
            }
            let processed = try Self.checkMaildir(processedFolder)
            if try Self.device(of: processed + "/cur") != Self.device(of: path + "/cur") {
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
        try forEachPendingFile(sorted: true, body)
    }

    /// `forEachPendingFile(_:)`, in directory order unless `sorted`.
    private func forEachPendingFile(sorted: Bool, _ body: (MaildirFile) throws -> Void) throws {
        for folder in ["new", "cur"] {
            let folderPath = MessageInput.join(path, folder)
            try FileReader.forEachNameChunk(in: folderPath, sorted: sorted) { names in
                for name in names {
                    let file = MaildirFile(maildir: path, folder: folder, folderPath: folderPath, name: name)
                    if let shard, !shard.contains(file.uniqueName) { continue }
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

    /// Reads a message file; nil when it has vanished since it was listed (another run took it).
    /// A symbolic link or anything but a regular file is refused.
    public func read(_ file: MaildirFile) throws(InputError) -> [UInt8]? {
        try FileReader.readIfPresent(path: file.path, followingLinks: false)
    }

    // MARK: MessageSource

    public var sourceKind: LedgerEntry.SourceKind { .maildir }

    public func pendingCount() throws -> Int? {
        var count = 0
        try forEachPendingFile(sorted: false) { _ in count += 1 }
        return count
    }

    /// Each pending file's bytes; files that cannot be read are recorded and left in place, files that
    /// vanish meanwhile (another run took them) are skipped silently.
    public func forEachPending(_ body: (SourceMessage<MaildirFile>) throws -> Void) throws {
        try forEachPendingFile { file in
            let bytes: [UInt8]?
            do throws(InputError) { bytes = try read(file) } catch {
                failures.append(error)
                return
            }
            guard let bytes else { return }
            try body(SourceMessage(sourceRef: file.path, bytes: bytes, handle: file))
        }
    }

    /// Moves the files on a thread of their own, so the writer goes on with the next batch meanwhile.
    public func markProcessed(_ files: [MaildirFile]) {
        marking.async { [self] in
            let folder = MessageInput.join(processedFolder ?? path, "cur")
            for file in files {
                do throws(InputError) { try markProcessed(file, into: folder) } catch { failures.append(error) }
            }
        }
    }

    public func finish() -> [InputError] {
        marking.sync {}
        return failures.takeAll()
    }

    /// A run that ends early (a database error) still lets the committed batches' files be marked.
    deinit {
        marking.sync {}
    }
}

/// Errors collected on the reading and marking threads, handed to the summary at the end.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [InputError] = []

    func append(_ error: InputError) {
        lock.withLock { errors.append(error) }
    }

    func takeAll() -> [InputError] {
        lock.withLock {
            defer { errors = [] }
            return errors
        }
    }
}
