#if canImport(Glibc)
import Glibc
#endif

extension Maildir {
    /// The name a message gets once processed: its unique name with the Seen flag added to its
    /// flags, which stay in ASCII order (`1234.host` → `1234.host:2,S`, `1234.host:2,F` → `1234.host:2,FS`).
    public static func seenName(_ file: MaildirFile) -> String {
        let flags = file.flags
        // Most files come from new/ without flags.
        if flags.isEmpty { return file.uniqueName + ":2,S" }
        guard flags.utf8.allSatisfy({ $0 < 0x80 }) else {
            var characters = Set(flags)
            characters.insert("S")
            return file.uniqueName + ":2," + String(characters.sorted())
        }
        // ASCII flags (all of maildir(5)'s): sorted and without repeats as bytes.
        var bytes = Array(flags.utf8)
        bytes.append(UInt8(ascii: "S"))
        bytes.sort()
        var last: UInt8?
        bytes.removeAll { byte in
            defer { last = byte }
            return byte == last
        }
        return file.uniqueName + ":2," + String(decoding: bytes, as: UTF8.self)
    }
}

extension MaildirSource {
    /// Marks a stored message processed: moves it to `cur/` (of the processed folder, if any) with the
    /// Seen flag. A message another run has already moved is left alone.
    public func markProcessed(_ file: MaildirFile) throws(InputError) {
        try markProcessed(file, into: MessageInput.join(processedFolder ?? path, "cur"))
    }

    /// `markProcessed(_:)` with the target folder's path joined already (once for a batch).
    func markProcessed(_ file: MaildirFile, into folder: String) throws(InputError) {
        let target = MessageInput.join(folder, Maildir.seenName(file))
        if rename(file.path, target) != 0 {
            if errno == ENOENT, access(file.path, F_OK) != 0 { return }
            throw InputError(path: file.path, reason: "was stored, but could not be marked processed (moved to "
                             + "'\(target)'): \(FileReader.lastError()); the next run will find it stored and move it")
        }
    }
}
