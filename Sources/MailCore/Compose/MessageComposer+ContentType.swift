extension MessageComposer {
    /// The MIME type for a file name's extension (IANA media types registry); application/octet-stream
    /// when unknown.
    public static func contentType(forFileName name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "pdf": return "application/pdf"
        case "txt", "text", "log": return "text/plain"
        case "csv": return "text/csv"
        case "html", "htm": return "text/html"
        case "xml": return "application/xml"
        case "json": return "application/json"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "zip": return "application/zip"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": return "application/vnd.ms-excel"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        // .eml stays application/octet-stream: message/rfc822 may not be base64-encoded (RFC 2046 §5.2.1).
        default: return "application/octet-stream"
        }
    }
}
