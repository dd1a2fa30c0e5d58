import Foundation
import MessageTag
import Testing

@Suite("KeyDirectory")
struct KeyDirectoryTests {
    /// A fresh directory path (not yet created) under the temporary directory.
    static func scratch() -> String {
        NSTemporaryDirectory() + "messagetag-\(UUID().uuidString)/keys"
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func missingDirectoryIsAnEmptyRing() throws {
        let ring = try KeyDirectory(path: Self.scratch()).load()
        #expect(ring.keys.isEmpty)
        #expect(ring.current == nil)
    }

    @Test func createdKeysArePrivateAndRotate() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let directory = KeyDirectory(path: path)
        let first = try directory.createKey()
        #expect(first.id == "k1")
        #expect(try Self.mode(path) == 0o700)
        #expect(try Self.mode(path + "/k1.key") == 0o600)
        let oldTag = try TagSigner(ring: directory.load()).tag(outgoingID: 77)

        let second = try directory.createKey()
        #expect(second.id == "k2")
        let ring = try directory.load()
        #expect(ring.keys.map(\.id) == ["k1", "k2"])
        #expect(ring.current == second)
        #expect(ring.key(id: "k1") == first)
        let signer = TagSigner(ring: ring)
        #expect(signer.check(oldTag) == .verified(outgoingID: 77))
        #expect(try signer.tag(outgoingID: 78).keyID == "k2")

        try directory.makeCurrent(id: "k1")
        #expect(try directory.load().current == first)
        #expect(throws: TagKeyError.self) { try directory.remove(id: "k1") }
        try directory.makeCurrent(id: "k2")
        try directory.remove(id: "k1")
        let after = try directory.load()
        #expect(after.keys.map(\.id) == ["k2"])
        #expect(TagSigner(ring: after).check(oldTag) == .unknownKey(keyID: "k1"))
        #expect(try directory.createKey().id == "k3")
    }

    @Test func readableKeyFileIsRefusedWithChmodAdvice() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let directory = KeyDirectory(path: path)
        _ = try directory.createKey()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path + "/k1.key")
        #expect {
            try directory.load()
        } throws: { error in
            guard let error = error as? TagKeyError else { return false }
            return error.code == .insecurePermissions && error.description.contains("chmod 600 \(path)/k1.key")
        }
    }

    @Test func damagedKeyFileAndUnknownIDs() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let directory = KeyDirectory(path: path)
        _ = try directory.createKey()
        #expect(throws: TagKeyError.self) { try directory.makeCurrent(id: "k7") }
        #expect(throws: TagKeyError.self) { try directory.remove(id: "k7") }
        #expect(throws: TagKeyError.self) { try directory.makeCurrent(id: "../x") }
        try Data("not base64!".utf8).write(to: URL(fileURLWithPath: path + "/k1.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + "/k1.key")
        #expect(throws: TagKeyError.self) { try directory.load() }
    }
}
