/// DragonFly Mail Agent (dma): "There was an error delivering your mail to <a@b>.", then the remote host's words (`did not like our RCPT TO:`), the original after "Message headers follow."
public struct DragonFlyDetector: TextReportDetector {
    public let name = "dragonfly"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("dragonfly mail agent", "there was an error delivering your mail to")
    }
}
