import Foundation

/// One message a user asks to send: recipients, subject, a plain-text body and attachments.
public struct SendRequest: Sendable, Equatable {
    public struct Attachment: Sendable, Equatable {
        public var filename: String
        public var data: [UInt8]

        public init(filename: String, data: [UInt8]) {
            self.filename = filename
            self.data = data
        }
    }

    public var to: [String]
    public var cc: [String]
    public var subject: String
    public var body: String
    public var attachments: [Attachment]

    public init(to: [String], cc: [String] = [], subject: String, body: String, attachments: [Attachment] = []) {
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.attachments = attachments
    }

    /// Every envelope recipient, To then Cc, each once (compared without case).
    public var recipients: [String] {
        var seen = Set<String>()
        return (to + cc).filter { seen.insert($0.lowercased()).inserted }
    }
}
