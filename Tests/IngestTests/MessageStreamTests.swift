import Foundation
@testable import Ingest
import Testing

/// Streams split as they are read give exactly what splitting the whole gives, whatever the chunks.
@Suite("MessageStream")
struct MessageStreamTests {
    static let mbox = Array("""
        From MAILER-DAEMON Mon Nov  2 10:00:00 2026\r
        Subject: one\r
        \r
        first body\r
        >From the quoted line\r
        \r
        From someone@example.com Mon Nov  2 10:00:01 2026\r
        Subject: two\r
        \r
        second\r\rbody\n\n
        From x Mon Nov  2 10:00:02 2026
        Subject: three

        last

        """.utf8)

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func feedingInChunksSplitsLikeTheWhole(_ chunk: Int) {
        var splitter = MboxSplitter()
        var messages: [[UInt8]] = []
        var start = 0
        while start < Self.mbox.count {
            let end = min(start + chunk, Self.mbox.count)
            Self.mbox[start..<end].withUnsafeBufferPointer { splitter.feed($0) { messages.append($0) } }
            start = end
        }
        let cut = splitter.finish { messages.append($0) }
        #expect(!cut)
        #expect(messages == Mbox.split(Self.mbox))
        #expect(messages.count == 3)
        #expect(String(decoding: messages[0], as: UTF8.self) == "Subject: one\r\n\r\nfirst body\r\nFrom the quoted line\r\n")
    }

    @Test func aStreamThroughAPipeIsSplitAndItsCutEndSeen() throws {
        for (text, cut) in [(Self.mbox, false), (Array(Self.mbox.dropLast(3)), true)] {
            let pipe = Pipe()
            let writer = Thread {
                pipe.fileHandleForWriting.write(Data(text))
                try? pipe.fileHandleForWriting.close()
            }
            writer.start()
            var messages: [MessageStream.Message] = []
            try MessageStream.forEachMessage(fd: pipe.fileHandleForReading.fileDescriptor, path: "-") { messages.append($0) }
            #expect(messages.map(\.position) == [1, 2, 3])
            #expect(messages.map(\.endsInsideALine) == [false, false, cut])
        }
    }

    @Test func aSingleMessageIsOneMessage() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("Subject: x\n\nbody".utf8))
        try pipe.fileHandleForWriting.close()
        var messages: [MessageStream.Message] = []
        try MessageStream.forEachMessage(fd: pipe.fileHandleForReading.fileDescriptor, path: "-") { messages.append($0) }
        #expect(messages.count == 1)
        #expect(messages.first?.endsInsideALine == true)
        #expect(messages.first?.bytes == Array("Subject: x\n\nbody".utf8))
    }
}
