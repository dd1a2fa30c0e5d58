import CEtPan

/// Owns a message tree being built with libetpan (`mailmime_new_message_data`) and the body bytes
/// its parts point to, which libetpan does not copy or free: `deinit` frees the tree first, then
/// the bytes. Parts are owned by the caller until `add` attaches them.
final class MIMEBuilder {
    let root: UnsafeMutablePointer<mailmime>
    private var buffers: [UnsafeMutablePointer<CChar>] = []

    static let outOfMemory = ComposeError(.library, "libetpan could not allocate memory while composing the message; "
        + "free some memory and try again.")

    init() throws(ComposeError) {
        guard let root = mailmime_new_message_data(nil) else { throw Self.outOfMemory }
        self.root = root
    }

    deinit {
        mailmime_free(root)
        buffers.forEach { free($0) }
    }

    /// The message's header fields; the tree owns them from here.
    func setFields(_ fields: UnsafeMutablePointer<mailimf_fields>) {
        mailmime_set_imf_fields(root, fields)
    }

    /// Attaches `part` under `parent` (the message or a multipart); frees it if that fails.
    func add(_ part: UnsafeMutablePointer<mailmime>, to parent: UnsafeMutablePointer<mailmime>) throws(ComposeError) {
        guard mailmime_smart_add_part(parent, part) == Int32(MAILIMF_NO_ERROR) else {
            mailmime_free(part)
            throw Self.outOfMemory
        }
    }

    /// A copy of `bytes` in C memory that lives as long as the tree.
    func keep(_ bytes: [UInt8]) throws(ComposeError) -> UnsafeMutablePointer<CChar> {
        guard let buffer = malloc(max(bytes.count, 1))?.assumingMemoryBound(to: CChar.self) else { throw Self.outOfMemory }
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { memcpy(buffer, base, raw.count) }
        }
        buffers.append(buffer)
        return buffer
    }

    /// The message as written by `mailmime_write_mem`.
    func written() throws(ComposeError) -> [UInt8] {
        guard let output = mmap_string_new("") else { throw Self.outOfMemory }
        defer { mmap_string_free(output) }
        var column: Int32 = 0
        guard mailmime_write_mem(output, &column, root) == Int32(MAILIMF_NO_ERROR), let bytes = output.pointee.str else {
            throw ComposeError(.library, "libetpan could not write the message; check the attachments and header values.")
        }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: output.pointee.len) {
            Array(UnsafeBufferPointer(start: $0, count: output.pointee.len))
        }
    }

    /// `clist_append`, a macro Swift cannot call.
    static func append(_ element: UnsafeMutableRawPointer?, to list: UnsafeMutablePointer<clist>?) {
        guard let element, let list else { return }
        clist_insert_after(list, list.pointee.last, element)
    }
}
