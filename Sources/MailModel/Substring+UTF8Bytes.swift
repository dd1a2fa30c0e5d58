#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

extension Substring {
    /// The text's UTF-8 bytes, copied in one piece. `Array(substring.utf8)` copies a substring's
    /// view byte by byte through its iterator, several times the cost on every report line.
    public var utf8Bytes: [UInt8] {
        var text = self
        return text.withUTF8 { Array($0) }
    }

    /// Whether the text's UTF-8 holds `byte`: memchr on its storage, not the view's iterator,
    /// which costs several instructions a byte on every line of a report.
    public func utf8Contains(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? utf8.contains(byte)
    }
}

extension Substring.UTF8View {
    /// The first index of `byte` at or after `start`: memchr on the storage where the view has
    /// one (native strings), its iterator otherwise.
    public func firstIndex(ofByte byte: UInt8, from start: Index) -> Index? {
        let found: Int?? = withContiguousStorageIfAvailable { buffer -> Int? in
            let offset = distance(from: startIndex, to: start)
            guard offset < buffer.count, let base = buffer.baseAddress,
                  let hit = memchr(base + offset, Int32(byte), buffer.count - offset) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        switch found {
        case .some(.some(let offset)): return index(startIndex, offsetBy: offset)
        case .some(.none): return nil
        case .none: return self[start...].firstIndex(of: byte)
        }
    }
}
