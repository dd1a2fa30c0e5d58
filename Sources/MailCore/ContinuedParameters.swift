/// Joins RFC 2231 parameter continuations (`name*0=`, `name*1*=`) and decodes extended values
/// (`charset'language'%XX`), which libetpan hands over as separate raw parameters.
///
///     extended-parameter = (ext-octet-parameter / ext-value-parameter)   (RFC 2231 §7)
enum ContinuedParameters {
    static func add(name rawName: String, value: String, to parameters: inout [String: String]) {
        var name = rawName.lowercased()
        // Most parameters (boundary, charset, report-type) are neither continued nor extended:
        // a name without "*" is stored as it is, without looking for a section number.
        guard name.utf8.contains(UInt8(ascii: "*")) else {
            parameters[name] = value
            return
        }
        var extended = false
        if name.hasSuffix("*") {
            extended = true
            name.removeLast()
        }
        var section: Int?
        if let star = name.lastIndex(of: "*"), let number = Int(name[name.index(after: star)...]) {
            section = number
            name = String(name[..<star])
        }
        var value = value
        if extended {
            if section == nil || section == 0, let quote = value.firstIndex(of: "'"),
               let second = value[value.index(after: quote)...].firstIndex(of: "'") {
                value = String(value[value.index(after: second)...])
            }
            value = percentDecoded(value)
        }
        if let section, section > 0, let existing = parameters[name] {
            parameters[name] = existing + value
        } else {
            parameters[name] = value
        }
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "%"), let high = utf8.next(), let low = utf8.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return Text.decodeUTF8OrLatin1(bytes)
    }
}
