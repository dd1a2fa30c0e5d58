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

    /// Account names: [A-Za-z0-9._@+-]{1,128}, not starting with "." — anything else throws TokenStoreError.badName (a name becomes a file name).
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

    /// Atomic: a temp file in the same directory created 0600 (O_CREAT|O_EXCL, umask-proof fchmod), written, fsync'd, renamed over NAME.json, then the directory fsync'd.
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

    /// One holder at a time per account across processes: flock(LOCK_EX) on NAME.lock (0600) in the directory; waits up to `timeout` s (poll LOCK_NB every 50 ms) then throws .lockTimeout.
    public func withLock<T>(_ name: String, timeout: TimeInterval = 60, _ body: () throws -> T) throws -> T {
        guard Self.isValidName(name) else { throw TokenStoreError.badName(name) }
        try makeDirectory()
        let path = directory + "/" + name + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TokenStoreError.unwritable(path: path, reason: Self.errorText()) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw TokenStoreError.unwritable(path: path, reason: Self.errorText())
            }
            guard Date() < deadline else { throw TokenStoreError.lockTimeout(name) }
            usleep(50_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// The access token to use now: under the account's lock, reload; a cached token before refreshAfter is returned as is (refreshed: false); else a refresh, the new state SAVED before returning (so a rotated refresh token is durable before its access token is used), refreshed: true. A failing refresh records lastError/lastErrorAt (and needsSignIn) in the file and rethrows the OAuthError. An account with needsSignIn set is not refreshed again. No account: TokenStoreError.noAccount(name).
    public func accessToken(for name: String, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws
        -> (token: String, account: StoredAccount, refreshed: Bool) {
        try withLock(name) {
            let account = try loadForRefresh(name)
            if account.hasFreshAccessToken(at: now), let token = account.accessToken {
                return (token, account, false)
            }
            let refreshed = try refreshLocked(account, now: now, endpoint: endpoint)
            return (refreshed.accessToken ?? "", refreshed, true)
        }
    }

    /// Refreshes now even if the cached token is fresh (for `events config smtp refresh --all`), same locking/saving/error rules.
    public func refresh(_ name: String, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws -> StoredAccount {
        try withLock(name) {
            try refreshLocked(loadForRefresh(name), now: now, endpoint: endpoint)
        }
    }

    /// Loads an account that may be refreshed: it exists and no refresh has declared its grant dead.
    private func loadForRefresh(_ name: String) throws -> StoredAccount {
        guard let account = try load(name) else { throw TokenStoreError.noAccount(name) }
        if account.needsSignIn {
            throw OAuthError(kind: .server, code: "invalid_grant",
                             errorDescription: account.lastError ?? "an earlier refresh was refused",
                             detail: "\(account.name) needs a new sign-in (`events config smtp login \(account.name)`)",
                             endpoint: OAuthError.place(account.tokenEndpoint))
        }
        return account
    }

    /// Runs the account's grant and saves the outcome, success or failure, before returning.
    private func refreshLocked(_ account: StoredAccount, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws
        -> StoredAccount {
        let tokens = try endpoint(account)
        do {
            let response: TokenResponse
            switch account.grant {
            case .refreshToken:
                guard let refreshToken = account.refreshToken else {
                    throw OAuthError(kind: .server, code: "invalid_grant",
                                     errorDescription: "no refresh token is stored for this account",
                                     endpoint: OAuthError.place(account.tokenEndpoint))
                }
                response = try tokens.refresh(refreshToken, scopes: account.scopes)
            case .clientCredentials:
                response = try tokens.clientCredentials(scope: account.scopes.joined(separator: " "))
            }
            let updated = account.updated(with: response, now: now)
            try save(updated)
            return updated
        } catch let error as OAuthError {
            var failed = account
            failed.lastError = error.description
            failed.lastErrorAt = now
            if error.needsSignIn { failed.needsSignIn = true }
            try save(failed)
            throw error
        }
    }

    private func makeDirectory() throws(TokenStoreError) {
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
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
