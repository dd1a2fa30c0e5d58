/// Microsoft 365, Outlook.com and Exchange 2007+ non-delivery reports: "Delivery has failed to these recipients or groups:", `a@b<mailto:a@b>`, the code in "Remote Server returned '550 5.1.10 …'" or only in the prose. https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
public struct MicrosoftDetector: TextReportDetector {
    public let name = "office365"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("delivery has failed to these recipients", "diagnostic information for administrators", "your message couldn't be delivered", "your message wasn't delivered", "delivery to the following recipients failed")
    }
}
