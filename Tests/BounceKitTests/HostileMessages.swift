/// The hostile messages of issue 12, built in memory (the large ones are not committed), in the
/// shapes scripts/make-hostile writes.
enum HostileMessages {
    static let head = "Message-ID: <hostile@example.com>\nDate: Thu, 03 Dec 2026 12:00:00 +0000\nMIME-Version: 1.0\n"

    /// Name, bytes, and the limit the message exceeds (nil: within bounds, parsed).
    static let all: [(name: String, limit: String?, make: @Sendable () -> [UInt8])] = [
        ("From: with 120,000 nested comments", "commentDepth", {
            bytes(head + "From: " + String(repeating: "(", count: 120_000) + " x@example.com"
                + String(repeating: ")", count: 30_000) + "\nSubject: parens\n\nbody\n")
        }),
        ("30,000 nested message/rfc822", "containers", {
            bytes(head + "Subject: russian doll\n" + String(repeating: "Content-Type: message/rfc822\n\n", count: 30_000)
                + "Subject: core\n\nbody\n")
        }),
        ("10,000 nested multiparts", "containers", { nestedMultiparts(10_000) }),
        ("20,000 nested multiparts", "containers", { nestedMultiparts(20_000) }),
        ("20 MB with CR-only lines and boundaries", "containers", { crOnly(megabytes: 20) }),
        ("a 10 MB line", "lineLength", {
            bytes(head + "Subject: long\n\n") + [UInt8](repeating: UInt8(ascii: "y"), count: 10 << 20) + [0x0A]
        }),
        ("50,000 parts side by side", "parts", { flat(50_000, boundary: "f") }),
        ("5,000 parts whose header runs on into the next", nil, { flat(5_000, boundary: "b:", blankLine: false) }),
        ("4 MB of CR-only header fields", "headerLines", {
            bytes(head.replacingNewlines() + "From: a@example.com\r" + String(repeating: "X: y\r", count: 800_000) + "\rbody\r")
        }),
        ("256 nested multiparts", nil, { nestedMultiparts(256) }),
        ("90,000 header fields", nil, {
            bytes(head + String(repeating: "X-Field: value\n", count: 90_000) + "\nbody\n")
        }),
    ]

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func nestedMultiparts(_ count: Int) -> [UInt8] {
        var text = head + "Subject: nested multiparts\n"
        for level in 0..<count { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ncore\n"
        for level in (0..<count).reversed() { text += "--b\(level)--\n" }
        return bytes(text)
    }

    static func flat(_ count: Int, boundary: String, blankLine: Bool = true) -> [UInt8] {
        var text = head + "Subject: flat\nContent-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n"
        for index in 0..<count { text += "--\(boundary)\nX-Part: \(index)\n" + (blankLine ? "\npart \(index)\n" : "") }
        return bytes(text + "--\(boundary)--\n")
    }

    /// Fuzz-like: CR-only line ends, one boundary reused by nested multiparts, truncated parts.
    static func crOnly(megabytes: Int) -> [UInt8] {
        var bytes = Self.bytes(head.replacingNewlines() + "Subject: cr only\rContent-Type: multipart/mixed; boundary=\"=_cr\"\r\r")
        var generator = SplitMix(seed: 12)
        let alphabet = Array("abcdefghij -=_\r".utf8)
        while bytes.count < megabytes << 20 {
            if generator.next() % 10 == 0 {
                bytes += Self.bytes("--=_cr\rContent-Type: multipart/alternative; boundary=\"=_cr\"\r\r")
            } else {
                bytes += Self.bytes("--=_cr\rContent-Type: text/plain\r\r")
                for _ in 0..<(10 + Int(generator.next() % 4000)) { bytes.append(alphabet[Int(generator.next() % 15)]) }
                bytes.append(0x0D)
            }
        }
        return bytes + Self.bytes("--=_cr--\r")
    }
}

/// A small deterministic generator (SplitMix64), so the CR-only message is the same every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func replacingNewlines() -> String { String(map { $0 == "\n" ? "\r" : $0 }) }
}
