import MailCore
import Testing

@Suite("LineEndings")
struct LineEndingsTests {
    @Test(arguments: [
        ("a\r\nb\r\n", "a\nb\n"),
        ("a\rb\r", "a\nb\n"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),
        ("plain\n", "plain\n"),
    ])
    func normalizesToLF(_ input: String, _ expected: String) {
        #expect(LineEndings.normalized(Array(input.utf8)) == Array(expected.utf8))
    }
}
