#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file and whole-stream reads through POSIX calls, with errors that name the path.
enum FileReader {
    static func read(path: String) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, reason: lastError()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError(path: path, reason: lastError()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, reason: "is a directory") }
        return try readAll(fd: fd, sizeHint: Int(info.st_size), path: path)
    }

    /// Like `read(path:)`, but nil when the file does not exist (any more), and only a regular file
    /// (`openRegularFile`).
    static func readIfPresent(path: String, followingLinks: Bool = true) throws(InputError) -> [UInt8]? {
        guard let (fd, size) = try openRegularFile(path: path, followingLinks: followingLinks) else { return nil }
        defer { close(fd) }
        return try readAll(fd: fd, sizeHint: size, path: path)
    }

    /// Opens a regular file for reading and gives its descriptor (the caller closes it) and size;
    /// nil when it does not exist. Without `followingLinks` a symbolic link is refused (O_NOFOLLOW),
    /// so a link planted in a Maildir cannot make it read a file elsewhere; a FIFO is refused
    /// without blocking on it.
    static func openRegularFile(path: String, followingLinks: Bool) throws(InputError) -> (fd: Int32, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            if errno == ELOOP, !followingLinks {
                throw InputError(path: path, reason: "is a symbolic link, not a message file; it was not followed "
                                 + "and is left in place (a Maildir holds only regular files)")
            }
            throw InputError(path: path, reason: lastError())
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = lastError()
            close(fd)
            throw InputError(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw InputError(path: path, reason: "is not a regular file; it was not read and is left in place")
        }
        return (fd, Int(info.st_size))
    }

    static func readAll(fd: Int32, sizeHint: Int, path: String) throws(InputError) -> [UInt8] {
        // Read straight into the array: a file's size is known, so one read usually does it; one
        // byte more tells whether it grew meanwhile. A stream grows the array as it goes.
        var bytes: [UInt8] = []
        var capacity = sizeHint > 0 ? sizeHint + 1 : 1 << 16
        while true {
            var failure: Int32 = 0
            var atEnd = false
            let start = bytes.count
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                bytes.withUnsafeBufferPointer { old in
                    if let source = old.baseAddress { base.initialize(from: source, count: start) }
                }
                initialized = start
                while initialized < capacity {
                    let count = Glibc.read(fd, base + initialized, capacity - initialized)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if count == 0 { atEnd = true; return }
                    initialized += count
                }
            }
            if failure != 0 { throw InputError(path: path, reason: String(cString: strerror(failure))) }
            if atEnd { return bytes }
            capacity *= 2
        }
    }

    enum Entry { case file, directory, missing(String), other }

    static func kind(of path: String) -> Entry {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(lastError()) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Names in a directory, sorted, without `.` and `..` and hidden files.
    static func list(directory path: String) throws(InputError) -> [String] {
        guard let dir = opendir(path) else { throw InputError(path: path, reason: lastError()) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// The names in a directory (without hidden files), handed over in chunks of at most `chunk`,
    /// each sorted unless `sorted` is false: memory stays flat however many entries the directory
    /// has. Entries added or removed meanwhile may or may not be seen (readdir(3)).
    static func forEachNameChunk(in path: String, chunk: Int = 4096, sorted: Bool = true,
                                 _ body: ([String]) throws -> Void) throws {
        guard let dir = opendir(path) else { throw InputError(path: path, reason: lastError()) }
        defer { closedir(dir) }
        var names: [String] = []
        names.reserveCapacity(chunk)
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            names.append(name)
            if names.count == chunk {
                try body(sorted ? names.sorted() : names)
                names.removeAll(keepingCapacity: true)
            }
        }
        if !names.isEmpty { try body(sorted ? names.sorted() : names) }
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
