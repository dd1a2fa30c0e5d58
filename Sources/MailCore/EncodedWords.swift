import CEtPan

/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in a header value to UTF-8 with
/// libetpan's `mailmime_encoded_phrase_parse`.
///
///     encoded-word = "=?" charset "?" encoding "?" encoded-text "?="   (RFC 2047 §2)
enum EncodedWords {
    static func decode(_ value: String) -> String {
        CharsetConverters.install()
        var value = value
        return value.withUTF8 { utf8 -> String in
            guard let base = utf8.baseAddress else { return "" }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars -> String in
                var index = 0
                var result: UnsafeMutablePointer<CChar>?
                let status = mailmime_encoded_phrase_parse("utf-8", chars, utf8.count, &index, "utf-8", &result)
                guard status == Int32(MAILIMF_NO_ERROR), let result else {
                    return String(decoding: utf8, as: UTF8.self)
                }
                defer { free(result) }
                var decoded = String(cString: result)
                if index < utf8.count {
                    // libetpan stopped early (a stray character); keep the rest as written.
                    decoded += String(decoding: UnsafeBufferPointer(rebasing: utf8[index...]), as: UTF8.self)
                }
                return decoded
            }
        }
    }
}
