@testable import BounceKit
import Testing

@Suite("SMTP command names")
struct SMTPCommandNameTests {
    /// Rules and traces name a command as `"\(command)"` did (the case name): `caseName` spells
    /// it without reflection and must not change what a rule says.
    @Test(arguments: SMTPCommand.allCases)
    func caseNameIsWhatPrintingTheCaseGave(command: SMTPCommand) {
        #expect(command.caseName == String(describing: command))
    }
}
