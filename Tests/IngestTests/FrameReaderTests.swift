#if canImport(Glibc)
import Glibc
#endif
@testable import Ingest
import Testing

/// How the classifier workers' frames are read from a pipe: through a buffer, whole, in order,
/// however the bytes arrive.
@Suite("Frame reader")
struct FrameReaderTests {
    /// A pipe; `write` puts bytes in, the reader reads `read`. Both ends are closed at the end.
    final class Pipe {
        let read: Int32
        let write: Int32
        private var writeOpen = true

        init() throws {
            var ends: [Int32] = [-1, -1]
            try #require(pipe(&ends) == 0)
            read = ends[0]
            write = ends[1]
        }

        func put(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { #expect(Glibc.write(write, $0.baseAddress, $0.count) == $0.count) }
        }

        func endInput() {
            if writeOpen { close(write) }
            writeOpen = false
        }

        deinit {
            endInput()
            close(read)
        }
    }

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        Frame.header(count: payload.count) + payload
    }

    struct Stop: Error {}

    @Test func framesThatArriveTogetherAreReadWithOneWait() throws {
        let pipe = try Pipe()
        let payloads: [[UInt8]] = [Array("first".utf8), [], Array("third, a little longer".utf8)]
        pipe.put(payloads.flatMap(Self.frame))
        var reader = FrameReader(fd: pipe.read)
        var waits = 0
        for payload in payloads {
            #expect(reader.next(waitingWith: { waits += 1 }) == payload)
        }
        #expect(waits == 1, "one read took all three frames")
        pipe.endInput()
        #expect(reader.next(waitingWith: {}) == nil)
    }

    /// Each wait delivers the next piece: a header split in two, a payload in three.
    @Test func aFrameArrivingInPiecesIsPutTogether() throws {
        let pipe = try Pipe()
        let payload = Array("a payload that comes in pieces".utf8)
        let bytes = Self.frame(payload) + Self.frame([7])
        var pieces = [bytes[0..<2], bytes[2..<9], bytes[9..<20], bytes[20...]].map(Array.init)
        var reader = FrameReader(fd: pipe.read)
        let feed = { if !pieces.isEmpty { pipe.put(pieces.removeFirst()) } }
        #expect(reader.next(waitingWith: feed) == payload)
        #expect(reader.next(waitingWith: feed) == [7])
        #expect(pieces.isEmpty)
    }

    /// A payload larger than the buffer is read into storage of its own; the frame after it is
    /// whole, whether it came in the same write or later.
    @Test func aPayloadLargerThanTheBufferIsReadWhole() throws {
        let pipe = try Pipe()
        let large = (0..<1000).map { UInt8($0 % 251) }
        pipe.put(Self.frame(large) + Self.frame([1, 2, 3]))
        var later = [Self.frame(large)]
        var reader = FrameReader(fd: pipe.read, capacity: 16)
        #expect(reader.next(waitingWith: {}) == large)
        #expect(reader.next(waitingWith: {}) == [1, 2, 3])
        #expect(reader.next(waitingWith: { if !later.isEmpty { pipe.put(later.removeFirst()) } }) == large)
    }

    @Test(arguments: [2, 4, 9])
    func inputEndingInsideAFrameGivesNothing(keeping count: Int) throws {
        let pipe = try Pipe()
        pipe.put(Self.frame([1]) + Array(Self.frame(Array("cut short".utf8)).prefix(count)))
        pipe.endInput()
        var reader = FrameReader(fd: pipe.read)
        #expect(reader.next(waitingWith: {}) == [1])
        #expect(reader.next(waitingWith: {}) == nil)
    }

    @Test func anInputEndingInsideALargePayloadGivesNothing() throws {
        let pipe = try Pipe()
        pipe.put(Array(Self.frame([UInt8](repeating: 9, count: 100)).prefix(60)))
        pipe.endInput()
        var reader = FrameReader(fd: pipe.read, capacity: 16)
        #expect(reader.next(waitingWith: {}) == nil)
    }

    /// The wait's error (a worker's time limit) ends the read, and a frame already buffered is
    /// still handed out without waiting.
    @Test func theWaitsErrorIsThrownOnlyWhenBytesAreMissing() throws {
        let pipe = try Pipe()
        pipe.put(Self.frame([5]) + Self.frame([6]))
        var reader = FrameReader(fd: pipe.read)
        #expect(reader.next(waitingWith: {}) == [5])
        #expect(try reader.next(waitingWith: { () throws(Stop) in throw Stop() }) == [6])
        #expect(throws: Stop.self) { try reader.next(waitingWith: { () throws(Stop) in throw Stop() }) }
    }
}
