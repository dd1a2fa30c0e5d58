/// Mimecast's "[Postmaster] Email Delivery Failure": `X-MC-System` / `X-Mimecast-*` headers.
public struct MimecastDetector: TextReportDetector {
    public let name = "mimecast"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.headers.contains("x-mc-system") || message.headers.contains("x-mimecast-spam-score") || message.headers.contains("x-mimecast-originator") || message.fromContains("mimecast"))
    }
}
