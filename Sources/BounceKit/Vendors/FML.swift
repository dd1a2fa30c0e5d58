/// The fml mailing list manager's refusals (`X-MLServer: fml`): the list address is the recipient.
public struct FMLDetector: TextReportDetector {
    public let name = "fml"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mlserver", "fml")
    }
}
