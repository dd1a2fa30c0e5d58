#if canImport(Glibc)
import Glibc
#endif

/// Finds the messages behind one path given on the command line: a message file, an mbox file, a
/// Maildir (its `new/` and `cur/`), a folder of message files (read recursively), or `-` for
/// standard input carrying one message or an mbox stream.
public enum MessageInput {
    /// Calls `body` with each message, in a stable order (sorted file names). Errors reading one
    /// file inside a folder are reported to `failure` and the walk goes on; an unreadable `path`
    /// itself is thrown.
    public static func forEachMessage(at path: String, failure: (InputError) -> Void = { _ in },
                                      _ body: (RawMessage) throws -> Void) throws {
        if path == "-" {
            try stream(fd: 0, source: "-", failure: failure, body)
            return
        }
        switch FileReader.kind(of: path) {
        case .missing(let reason):
            throw InputError(path: path, reason: reason)
        case .other:
            throw InputError(path: path, reason: "not a regular file or folder")
        case .file:
            try emitFile(path, followingLinks: true, failure: failure, body)
        case .directory:
            try forEachFile(in: path, failure: failure) { file in
                do {
                    try emitFile(file, followingLinks: false, failure: failure, body)
                } catch let error as InputError {
                    failure(error)
                }
            }
        }
    }

    /// A message file is read whole; an mbox file is split as it is read, so memory stays flat
    /// however large it is. Files inside a folder are read only if they are regular files, never
    /// through a symbolic link.
    static func emitFile(_ path: String, followingLinks: Bool, failure: (InputError) -> Void,
                         _ body: (RawMessage) throws -> Void) throws {
        guard let (fd, size) = try FileReader.openRegularFile(path: path, followingLinks: followingLinks) else {
            throw InputError(path: path, reason: String(cString: strerror(ENOENT)))
        }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 5)
        let peeked = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 5, 0) }
        if peeked == 5, Mbox.looksLikeMbox(head) {
            try stream(fd: fd, source: path, failure: failure, body)
        } else {
            try body(RawMessage(source: path, position: 1, bytes: FileReader.readAll(fd: fd, sizeHint: size, path: path)))
        }
    }

    /// The messages of a stream, split as it is read. Standard input cut inside a message is reported.
    static func stream(fd: Int32, source: String, failure: (InputError) -> Void, _ body: (RawMessage) throws -> Void) throws {
        try MessageStream.forEachMessage(fd: fd, path: source) { message in
            let cut = message.endsInsideALine && source == "-"
            if cut { failure(message.cutFailure(path: source)) }
            try body(RawMessage(source: source, position: message.position, bytes: message.bytes,
                                defect: cut ? message.cutDefect : nil))
        }
    }

    /// Every message file below a folder. A Maildir contributes `new/` then `cur/` (never `tmp/`,
    /// where deliveries are still being written); other folders are walked recursively.
    public static func forEachFile(in directory: String, failure: (InputError) -> Void, _ body: (String) throws -> Void) throws {
        let names = try FileReader.list(directory: directory)
        if Maildir.isMaildir(directory, names: names) {
            for sub in ["new", "cur"] {
                let folder = join(directory, sub)
                for name in try FileReader.list(directory: folder) {
                    try body(join(folder, name))
                }
            }
            return
        }
        for name in names {
            let child = join(directory, name)
            switch FileReader.kind(of: child) {
            case .file where !isDocumentation(name): try body(child)
            case .file: break
            case .directory:
                do { try forEachFile(in: child, failure: failure, body) } catch let error as InputError { failure(error) }
            case .missing(let reason): failure(InputError(path: child, reason: reason))
            case .other: break
            }
        }
    }

    /// Files in a folder of messages that are plainly not mail (a README beside sample messages,
    /// a script, a unit file, a sample config file). Named on the command line, any file is read.
    static func isDocumentation(_ name: String) -> Bool {
        let lower = name.lowercased()
        let extensions = [".md", ".sh", ".py", ".json", ".tsv", ".service", ".timer", ".cron", ".sql", ".config"]
        return lower.hasPrefix("readme") || extensions.contains { lower.hasSuffix($0) }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
