import CEtPan

/// Owns one `struct mailmime *` tree returned by `mailmime_parse` and frees it exactly once.
/// The tree points into the caller's buffer, so an owner must not outlive the bytes it was parsed
/// from; `MIMEParser` keeps both inside one `withUnsafeBufferPointer` call.
final class MIMETree {
    let root: UnsafeMutablePointer<mailmime>

    /// Parses `buffer` with libetpan from `start` (the message's header section; the bytes before
    /// it are not read), or returns nil when libetpan finds no message at all.
    init?(parsing buffer: UnsafeBufferPointer<CChar>, from start: Int = 0) {
        guard let base = buffer.baseAddress, buffer.count > 0, start >= 0, start < buffer.count else { return nil }
        var index = start
        var result: UnsafeMutablePointer<mailmime>?
        let status = mailmime_parse(base, buffer.count, &index, &result)
        guard status == Int32(MAILIMF_NO_ERROR), let result else { return nil }
        root = result
    }

    /// Where the message's body starts: the first byte after the header section libetpan read.
    var bodyStart: UnsafePointer<CChar>? {
        guard root.pointee.mm_type == Int32(MAILMIME_MESSAGE), let body = root.pointee.mm_data.mm_message.mm_msg_mime,
              let data = body.pointee.mm_body else { return nil }
        return UnsafePointer(data.pointee.dt_data.dt_text.dt_data)
    }

    deinit {
        mailmime_free(root)
    }
}

/// Owns a buffer that libetpan allocated for a decoded body (`mailmime_part_parse`).
final class DecodedBuffer {
    let pointer: UnsafeMutablePointer<CChar>
    let count: Int

    init(pointer: UnsafeMutablePointer<CChar>, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    deinit {
        mailmime_decoded_part_free(pointer)
    }

    var bytes: [UInt8] {
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}

/// Owns the `struct mailimf_fields *` that `mailimf_optional_fields_parse` returns.
final class ParsedFields {
    let fields: UnsafeMutablePointer<mailimf_fields>

    init(fields: UnsafeMutablePointer<mailimf_fields>) {
        self.fields = fields
    }

    deinit {
        mailimf_fields_free(fields)
    }
}

/// Iterates a libetpan `clist`, handing each element to `body` typed as `T`.
func forEachElement<T>(of list: UnsafeMutablePointer<clist>?, as type: T.Type, _ body: (UnsafeMutablePointer<T>) -> Void) {
    var iterator = cetpan_clist_begin(list)
    while let cell = iterator {
        if let content = cetpan_clist_content(cell) {
            body(content.assumingMemoryBound(to: T.self))
        }
        iterator = cetpan_clist_next(cell)
    }
}
