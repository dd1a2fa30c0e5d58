import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signed-in accounts on disk: DIRECTORY/NAME.json (0600) in a 0700 directory, replaced atomically,
/// and DIRECTORY/NAME.lock so that concurrent `events` runs (cron, a manual send) refresh an
/// account once and never lose a rotated refresh token to a race.
public struct TokenStore: Sendable {
    /// e.g. <key-dir>/oauth; created 0700 on first save.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Account names: [A-Za-z0-9._@+-]{1,128}, not starting with "." — anything else throws TokenStoreError.badName
    /// (a name becomes a file name).
    public static func isValidName(_ name: String) -> Bool {
        guard (1...128).contains(name.utf8.count), !name.hasPrefix(".") else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x40 || byte == 0x2B || byte == 0x2D
        }
    }

    public func path(for name: String) throws(TokenStoreError) -> String {
        guard Self.isValidName(name) else { throw .badName(name) }
        return directory + "/" + name + ".json"
    }

    public func load(_ name: String) throws(TokenStoreError) -> StoredAccount? {
        let path = try path(for: name)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, reason: Self.errorText())
        }
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let data: Data
        do {
            data = try file.readToEnd() ?? Data()
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try AccountFile.decode(data, path: path, name: name)
    }

    /// Every account, sorted by name; a file that cannot be read is an error naming it, not skipped.
    public func accounts() throws(TokenStoreError) -> [StoredAccount] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            if access(directory, F_OK) != 0 && errno == ENOENT { return [] }
            throw .unreadable(path: directory, reason: error.localizedDescription)
        }
        var accounts: [StoredAccount] = []
        for file in names.sorted() where file.hasSuffix(".json") && !file.hasPrefix(".") {
            let name = String(file.dropLast(".json".count))
            guard Self.isValidName(name) else {
                throw .unreadable(path: directory + "/" + file, reason: "the file name is not a valid account name")
            }
            guard let account = try load(name) else { continue }
            accounts.append(account)
        }
        return accounts.sorted { $0.name < $1.name }
    }

    /// Atomic: a temp file in the same directory created 0600 (O_CREAT|O_EXCL, umask-proof fchmod), written, fsync'd,
    /// renamed over NAME.json, then the directory fsync'd.
    public func save(_ account: StoredAccount) throws(TokenStoreError) {
        let path = try path(for: account.name)
        try makeDirectory()
        let data = try AccountFile.encode(account, path: path)
        let temporary = directory + "/." + account.name + ".json." + RandomToken.make(bytes: 6) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unwritable(path: temporary, reason: Self.errorText()) }
        var failure: String?
        if fchmod(fd, 0o600) != 0 { failure = Self.errorText() }
        if failure == nil {
            failure = data.withUnsafeBytes { bytes -> String? in
                var offset = 0
                while offset < bytes.count {
                    let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return Self.errorText()
                    }
                    offset += written
                }
                return nil
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = Self.errorText() }
        if close(fd) != 0, failure == nil { failure = Self.errorText() }
        if failure == nil, rename(temporary, path) != 0 { failure = Self.errorText() }
        if let failure {
            unlink(temporary)
            throw .unwritable(path: path, reason: failure)
        }
        syncDirectory()
    }

    /// Deletes NAME.json; false when there was none. NAME.lock stays: unlinking a lock file another
    /// process holds or waits on would let a third lock a fresh file and run beside it.
    public func remove(_ name: String) throws(TokenStoreError) -> Bool {
        let path = try path(for: name)
        guard unlink(path) == 0 else {
            if errno == ENOENT { return false }
            throw .unwritable(path: path, reason: Self.errorText())
        }
        syncDirectory()
        return true
    }

    func makeDirectory() throws(TokenStoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw .unwritable(path: directory, reason: Self.errorText())
        }
        _ = chmod(directory, 0o700)
    }

    /// Makes a rename or unlink durable (the directory entry itself).
    func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
