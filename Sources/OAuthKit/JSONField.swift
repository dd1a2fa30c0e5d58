import Foundation

/// Lenient readers for JSONSerialization values, since servers disagree on numbers vs strings.
enum JSONField {
    static func integer(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }
}
