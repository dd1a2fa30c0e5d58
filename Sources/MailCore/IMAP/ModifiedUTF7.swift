import Foundation

/// IMAP's mailbox-name encoding (RFC 3501 §5.1.3): printable ASCII as is (`&` as `&-`), anything else as
/// `&` + base64 of UTF-16BE with `,` for `/` and no padding + `-`.
enum ModifiedUTF7 {
    static func encode(_ name: String) -> String {
        var output = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xff)] }
            let base64 = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "/", with: ",").replacingOccurrences(of: "=", with: "")
            output += "&" + base64 + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7e {
                flush()
                output += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return output
    }
}
