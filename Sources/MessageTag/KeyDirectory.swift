import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signing keys on disk: `DIR/<id>.key` holds the base64 of one secret (RFC 4648 §4, mode 0600),
/// `DIR/current` the id of the key new tags use; `DIR` itself is 0700. Loading refuses key files
/// that group or others can read. A missing directory is an empty ring.
public struct KeyDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    static let keySuffix = ".key"
    static let currentName = "current"

    public func load() throws(TagKeyError) -> KeyRing {
        guard directoryExists else { return KeyRing(keys: [], currentID: nil) }
        var keys: [SigningKey] = []
        for id in try keyIDs() {
            keys.append(try readKey(id: id))
        }
        let currentID = try readCurrentID()
        if let currentID, !keys.contains(where: { $0.id == currentID }) {
            throw TagKeyError(.unknownKey, "\(file(Self.currentName)) names key \(currentID), but \(keyFile(currentID)) does not "
                + "exist. Run `events config key` to create a key, or write an existing key's id into \(file(Self.currentName)).")
        }
        return KeyRing(keys: keys, currentID: currentID)
    }

    /// Makes a new key (next id: k1, k2, …) and makes it current; older keys stay for verifying.
    public func createKey() throws(TagKeyError) -> SigningKey {
        try makeDirectory()
        let ids = try keyIDs()
        let highest = ids.compactMap { $0.first == "k" ? Int($0.dropFirst()) : nil }.max() ?? 0
        let key = try SigningKey.generate(id: "k\(highest + 1)")
        let text = Data(key.secret).base64EncodedString() + "\n"
        try writeFile(text, to: keyFile(key.id), exclusive: true)
        try makeCurrent(id: key.id)
        return key
    }

    /// Makes an existing key the one new tags use.
    public func makeCurrent(id: String) throws(TagKeyError) {
        guard SigningKey.isValidID(id) else {
            throw TagKeyError(.invalidKeyID, "The key id “\(id)” is not valid: use 1 to 8 lowercase letters or digits (for example k1).")
        }
        guard access(keyFile(id), F_OK) == 0 else {
            throw TagKeyError(.unknownKey, "There is no key \(id) (\(keyFile(id)) does not exist). Run `events config key` to create one.")
        }
        let temporary = file(Self.currentName + ".new")
        unlink(temporary)
        try writeFile(id + "\n", to: temporary, exclusive: true)
        guard rename(temporary, file(Self.currentName)) == 0 else {
            let reason = Self.errorText()
            unlink(temporary)
            throw TagKeyError(.unwritable, "Could not save \(file(Self.currentName)): \(reason). Check that \(path) is writable.")
        }
    }

    /// Deletes a key that is not current. Tags signed with it no longer verify (they check as
    /// `unknownKey`).
    public func remove(id: String) throws(TagKeyError) {
        guard SigningKey.isValidID(id) else {
            throw TagKeyError(.invalidKeyID, "The key id “\(id)” is not valid: use 1 to 8 lowercase letters or digits (for example k1).")
        }
        if try readCurrentID() == id {
            throw TagKeyError(.keyInUse, "Key \(id) is the current key and cannot be removed: create or choose another "
                + "current key first (`events config key`).")
        }
        guard unlink(keyFile(id)) == 0 else {
            let missing = errno == ENOENT
            let reason = Self.errorText()
            throw missing
                ? TagKeyError(.unknownKey, "There is no key \(id) to remove (\(keyFile(id)) does not exist).")
                : TagKeyError(.unwritable, "Could not remove \(keyFile(id)): \(reason). Check the permissions of \(path).")
        }
    }

    // MARK: - Files

    func file(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }
    func keyFile(_ id: String) -> String { file(id + Self.keySuffix) }

    var directoryExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func keyIDs() throws(TagKeyError) -> [String] {
        guard directoryExists else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TagKeyError(.unreadable, "Could not list the key directory \(path): \(error). Check its permissions.")
        }
        return names.filter { $0.hasSuffix(Self.keySuffix) }
            .map { String($0.dropLast(Self.keySuffix.count)) }
            .filter(SigningKey.isValidID)
            .sorted { ($0.count, $0) < ($1.count, $1) }
    }

    func readKey(id: String) throws(TagKeyError) -> SigningKey {
        let path = keyFile(id)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TagKeyError(.unreadable, "Could not read the key file \(path): \(Self.errorText()).")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw TagKeyError(.insecurePermissions, "The key file \(path) can be read by other users (mode "
                + "\(String(info.st_mode & 0o777, radix: 8))); it must be private. Run `chmod 600 \(path)` and try again.")
        }
        let text = try read(path)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), data.count == SigningKey.secretLength else {
            throw TagKeyError(.invalidSecret, "The key file \(path) does not hold base64 of a \(SigningKey.secretLength)-byte "
                + "secret. Remove it, or restore it from a backup.")
        }
        return try SigningKey(id: id, secret: Array(data))
    }

    func readCurrentID() throws(TagKeyError) -> String? {
        let path = file(Self.currentName)
        guard access(path, F_OK) == 0 else { return nil }
        let id = try read(path).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { return nil }
        guard SigningKey.isValidID(id) else {
            throw TagKeyError(.invalidKeyID, "\(path) holds “\(id)”, which is not a key id. Run `events config key` to create "
                + "a key and make it current.")
        }
        return id
    }

    func read(_ path: String) throws(TagKeyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TagKeyError(.unreadable, "Could not read \(path). Check that it exists and that this user may read it.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Creates the directory (0700), or tightens an existing one to 0700.
    func makeDirectory() throws(TagKeyError) {
        if !directoryExists {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw TagKeyError(.unwritable, "Could not create the key directory \(path): \(error).")
            }
        }
        guard chmod(path, 0o700) == 0 else {
            throw TagKeyError(.unwritable, "Could not make the key directory \(path) private (mode 0700): \(Self.errorText()).")
        }
    }

    /// Writes a new file created with mode 0600, so the secret is never readable by others.
    func writeFile(_ text: String, to path: String, exclusive: Bool) throws(TagKeyError) {
        let flags = O_WRONLY | O_CREAT | O_TRUNC | (exclusive ? O_EXCL : 0)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            throw TagKeyError(.unwritable, "Could not create \(path): \(Self.errorText()). Check that \(self.path) is writable.")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw TagKeyError(.unwritable, "Could not write \(path): \(Self.errorText()). Check free disk space.")
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
