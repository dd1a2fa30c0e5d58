/// Trend Micro InterScan MSS: From "InterScan MSS", a transcript of `Sent <<< RCPT TO:<a@b>` / `Received >>> 550 …` lines;
/// InterScan VirusWall's notices open with its banner (`****** Message from InterScan E-Mail VirusWall NT ******`).
public struct TrendMicroDetector: TextReportDetector {
    public let name = "trendmicro"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.fromContains("interscan", "trend micro") || message.leadContains("sent <<< rcpt to:", "received >>> ", "message from interscan")
    }
}
