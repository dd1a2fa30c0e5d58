/// xtext, the encoding of ENVID and ORCPT values (RFC 3461 §4).
enum XText {
    // xtext = *( xchar / hexchar )
    // xchar = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
    // hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
    static func encode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            if (33...126).contains(byte), byte != UInt8(ascii: "+"), byte != UInt8(ascii: "=") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "+" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
