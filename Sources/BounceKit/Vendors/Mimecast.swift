/// Mimecast's "[Postmaster] Email Delivery Failure": `X-MC-System` / `X-Mimecast-*` headers.
public struct MimecastDetector: TextReportDetector {
    public let name = "mimecast"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.hasHeader("x-mc-system") || message.hasHeader("x-mimecast-spam-score") || message.hasHeader("x-mimecast-originator") || message.fromContains("mimecast"))
    }
}
