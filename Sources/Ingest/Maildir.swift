/// The Maildir layout: `tmp/`, `new/` and `cur/` folders of one file per message.
/// See maildir(5) and https://cr.yp.to/proto/maildir.html.
public enum Maildir {
    /// A folder is a Maildir when it holds both `new` and `cur`.
    public static func isMaildir(_ path: String, names: [String]) -> Bool {
        names.contains("new") && names.contains("cur")
    }
}
