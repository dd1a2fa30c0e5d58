/// One message file in a Maildir: the folder it is in (`new` or `cur`) and its name, whose part
/// after `:2,` holds the flags (maildir(5); https://cr.yp.to/proto/maildir.html).
public struct MaildirFile: Sendable, Equatable {
    /// The Maildir's path.
    public let maildir: String
    /// `new` or `cur`.
    public let folder: String
    public let name: String
    /// `maildir/folder/name`, joined once: a run reads, stores and moves each file by it.
    public let path: String

    public init(maildir: String, folder: String, name: String) {
        self.init(maildir: maildir, folder: folder, folderPath: MessageInput.join(maildir, folder), name: name)
    }

    /// With the folder's path (`maildir/folder`) joined already: a listing joins it once.
    init(maildir: String, folder: String, folderPath: String, name: String) {
        self.maildir = maildir
        self.folder = folder
        self.name = name
        self.path = MessageInput.join(folderPath, name)
    }

    /// The name without its `:2,FLAGS` info: the message's unique name.
    public var uniqueName: Substring {
        name.utf8.firstIndex(of: UInt8(ascii: ":")).map { name[..<$0] } ?? Substring(name)
    }

    /// The flags after the first `:2,` (e.g. `FS`), empty when there are none.
    public var flags: Substring {
        let bytes = name.utf8
        var from = bytes.startIndex
        while let colon = bytes[from...].firstIndex(of: UInt8(ascii: ":")) {
            from = bytes.index(after: colon)
            let info = bytes[from...]
            if info.starts(with: [UInt8(ascii: "2"), UInt8(ascii: ",")]) {
                return name[bytes.index(from, offsetBy: 2)...]
            }
        }
        return ""
    }

    /// Whether the message carries the Seen flag, which `events ingest` sets once it is stored.
    public var isSeen: Bool { flags.utf8.contains(UInt8(ascii: "S")) }
}
