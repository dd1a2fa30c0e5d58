import CEtPan
import MailModel
import Synchronization

/// Keeps libetpan's charset converters open. Every `charconv` and `charconv_buffer` call (body
/// text, and each encoded word of a MIME field or header value) otherwise opens an iconv
/// descriptor and closes it again, which costs more than most conversions. `install()` gives
/// libetpan a converter of its own (`extended_charconv`, charconv.h) that converts exactly as
/// libetpan's iconv path does (`mail_iconv` with "?" for bytes the charset cannot hold), with a
/// descriptor kept per charset pair and reset before each use.
enum CharsetConverters {
    /// Sets libetpan's `extended_charconv` once per process; later calls do nothing.
    static func install() {
        _ = installed
    }

    private static let installed: Void = {
        cetpan_set_extended_charconv(keptConversion)
    }()

    private static let keptConversion: cetpan_charconv_function = { tocode, fromcode, input, length, output, outputLength in
        guard let tocode, let fromcode, let output, let outputLength else { return Int32(MAIL_CHARCONV_ERROR_CONV) }
        return CharsetConverters.convert(to: tocode, from: fromcode, input, length, output, outputLength)
    }

    /// Held while a test chooses the conversion, so two tests never interleave their choices.
    private static let choosing = Mutex(())

    /// `body` run with libetpan's own converter (an iconv descriptor opened and closed per call):
    /// what the kept converters must equal, for tests. Other threads converting meanwhile use
    /// libetpan's own too, which converts the same.
    static func withLibetpansOwnConversion<Result>(_ body: () -> Result) -> Result {
        choosing.withLock { _ in
            install()
            cetpan_set_extended_charconv(nil)
            defer { cetpan_set_extended_charconv(keptConversion) }
            return body()
        }
    }

    /// `body` run with the kept converters, never during `withLibetpansOwnConversion`: for tests.
    static func withKeptConversion<Result>(_ body: () -> Result) -> Result {
        choosing.withLock { _ in
            install()
            return body()
        }
    }

    /// Descriptors kept at most (charset names come from the mail; each descriptor holds tables).
    static let capacity = 32

    /// An open iconv descriptor, used by one conversion at a time.
    private struct Descriptor: @unchecked Sendable {
        let handle: iconv_t
    }

    /// Idle descriptors by "to\0from" charset names.
    private static let idle = Mutex<[String: [Descriptor]]>([:])

    /// libetpan's iconv conversion (charconv.c: `iconv_open`, then `mail_iconv` with "?" as the
    /// output replacement for bytes that do not convert) on a kept descriptor. The charset that
    /// iconv does not know is reported as unknown, as libetpan reports it (it then tries iconv
    /// itself, which fails the same way).
    static func convert(to tocode: UnsafePointer<CChar>, from fromcode: UnsafePointer<CChar>,
                        _ input: UnsafePointer<CChar>?, _ length: Int,
                        _ output: UnsafeMutablePointer<CChar>, _ outputLength: UnsafeMutablePointer<Int>) -> Int32 {
        if let input, length <= outputLength.pointee, copiesASCII(to: tocode, from: fromcode),
           PlainASCII.isASCII(UnsafeBufferPointer(start: UnsafeRawPointer(input).assumingMemoryBound(to: UInt8.self), count: length)) {
            // What iconv does with ASCII from UTF-8 or US-ASCII to UTF-8: copies it.
            output.update(from: input, count: length)
            outputLength.pointee = length
            return Int32(MAIL_CHARCONV_NO_ERROR)
        }
        let key = String(cString: tocode) + "\0" + String(cString: fromcode)
        let kept = idle.withLock { $0[key]?.popLast() }
        let descriptor: Descriptor
        if let kept {
            descriptor = kept
            // Back to the initial shift state: the last conversion may have left it elsewhere.
            _ = iconv(descriptor.handle, nil, nil, nil, nil)
        } else {
            let handle = iconv_open(tocode, fromcode)
            guard handle != iconv_t(bitPattern: -1) else { return Int32(MAIL_CHARCONV_ERROR_UNKNOWN_CHARSET) }
            descriptor = Descriptor(handle: handle!)
        }
        var source = UnsafeMutablePointer(mutating: input)
        var sourceLeft = input == nil ? 0 : length
        var target: UnsafeMutablePointer<CChar>? = output
        var targetLeft = outputLength.pointee
        replacingConversion(descriptor.handle, &source, &sourceLeft, &target, &targetLeft)
        outputLength.pointee -= targetLeft
        let closes = idle.withLock { descriptors -> Bool in
            guard descriptors[key] != nil || descriptors.count < capacity else { return true }
            descriptors[key, default: []].append(descriptor)
            return false
        }
        if closes { iconv_close(descriptor.handle) }
        return Int32(MAIL_CHARCONV_NO_ERROR)
    }

    /// Whether the conversion is to UTF-8 from UTF-8 or US-ASCII (most are: libetpan converts each
    /// word of a MIME field's phrase from its default charset, UTF-8 here, to UTF-8).
    private static func copiesASCII(to tocode: UnsafePointer<CChar>, from fromcode: UnsafePointer<CChar>) -> Bool {
        strcasecmp(tocode, "utf-8") == 0 && (strcasecmp(fromcode, "utf-8") == 0 || strcasecmp(fromcode, "us-ascii") == 0)
    }

    /// libetpan's `mail_iconv` as charconv calls it (no input replacements, "?" for output): convert
    /// as far as iconv goes; where it stops at a byte sequence it cannot convert (EILSEQ) with
    /// input and output room left, write "?" for that one byte and go on; stop otherwise.
    private static func replacingConversion(_ handle: iconv_t, _ source: inout UnsafeMutablePointer<CChar>?, _ sourceLeft: inout Int,
                                            _ target: inout UnsafeMutablePointer<CChar>?, _ targetLeft: inout Int) {
        while true {
            errno = 0
            _ = iconv(handle, &source, &sourceLeft, &target, &targetLeft)
            guard sourceLeft > 0, targetLeft > 0, errno == EILSEQ else { return }
            target?.pointee = CChar(UInt8(ascii: "?"))
            target = target.map { $0 + 1 }
            targetLeft -= 1
            source = source.map { $0 + 1 }
            sourceLeft -= 1
        }
    }
}
