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

    static func readAll(fd: Int32, sizeHint: Int, path: String) throws(InputError) -> [UInt8] {
        // Read straight into an array sized from fstat (one byte more, to see the end of file
        // without another call); no zero-filled staging buffer per file.
        let capacity = max(sizeHint, 0) + 1
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < capacity, let base = buffer.baseAddress {
                let read = Glibc.read(fd, base + count, capacity - count)
                if read < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if read == 0 { return }
                count += read
            }
        }
        if failure != 0 { throw InputError(path: path, reason: String(cString: strerror(failure))) }
        guard bytes.count == capacity else { return bytes }
        // The file grew since fstat: read the rest in chunks.
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path, reason: lastError())
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
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

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
