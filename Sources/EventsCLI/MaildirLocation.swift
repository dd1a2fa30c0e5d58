import Foundation

/// Where a stored Maildir message is now. The ledger keeps the path it was read from
/// (`…/new/NAME`), but `events ingest` then moves the file to `cur/` with the Seen flag
/// (`NAME:2,S`), and a mail client may change its flags again; `events show` names the file as it
/// is at display time, so the path it prints can be opened.
enum MaildirLocation {
    /// The stored path if the file is still there; else the same message in its Maildir's `cur/`
    /// (same unique name, any `:2,` flags) marked "(moved from new/)"; else the stored path with
    /// why it is gone.
    static func describe(_ storedPath: String, fileManager: FileManager = .default) -> String {
        if fileManager.fileExists(atPath: storedPath) { return storedPath }
        if let current = current(storedPath, fileManager: fileManager) {
            return current + " (moved from \(storedPath) when processed)"
        }
        return storedPath + " (no longer there: moved to a processed folder or deleted)"
    }

    /// The file's path in `cur/` of the same Maildir, or nil.
    static func current(_ storedPath: String, fileManager: FileManager = .default) -> String? {
        let file = storedPath as NSString
        let folder = file.deletingLastPathComponent as NSString
        guard ["new", "cur"].contains(folder.lastPathComponent) else { return nil }
        let name = file.lastPathComponent
        let unique = name.firstIndex(of: ":").map { String(name[..<$0]) } ?? name
        let cur = (folder.deletingLastPathComponent as NSString).appendingPathComponent("cur")
        let names = (try? fileManager.contentsOfDirectory(atPath: cur)) ?? []
        return names.filter { $0 == unique || $0.hasPrefix(unique + ":2,") }.sorted().first
            .map { (cur as NSString).appendingPathComponent($0) }
    }
}
