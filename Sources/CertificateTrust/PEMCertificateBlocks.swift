import Foundation

/// The `CERTIFICATE` blocks of a PEM file (RFC 7468 §5), as DER, with the line each one starts on.
/// Other blocks (keys, `TRUSTED CERTIFICATE`, …) and text between blocks are skipped, as OpenSSL does.
struct PEMCertificateBlocks {
    struct Block: Equatable {
        /// 1-based line of the `-----BEGIN CERTIFICATE-----` line.
        var line: Int
        /// The decoded body; `nil` when it is not valid base64.
        var der: [UInt8]?
    }

    enum Failure: Error, Equatable {
        /// The block numbered `index` (from 1), begun on `line`, has no `END CERTIFICATE` line.
        case unterminated(index: Int, line: Int)
    }

    private static let begin = "-----BEGIN CERTIFICATE-----"
    private static let end = "-----END CERTIFICATE-----"

    /// Splits `text` into certificate blocks.
    static func parse(_ text: String) throws(Failure) -> [Block] {
        var blocks: [Block] = []
        var open: (line: Int, body: String)?
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if var current = open {
                if line == end {
                    blocks.append(Block(line: current.line, der: Data(base64Encoded: current.body).map { [UInt8]($0) }))
                    open = nil
                } else {
                    current.body += line
                    open = current
                }
            } else if line == begin {
                open = (number, "")
            }
        }
        if let open {
            throw .unterminated(index: blocks.count + 1, line: open.line)
        }
        return blocks
    }
}
