/// A fixed pseudo-random sequence (Knuth's MMIX linear congruential generator): the texts tests
/// generate from it are the same on every run. Shared by the test targets (`TestSupport`).
public struct FixedSequence {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }

    /// Fewer than `limit` of `pieces`, each chosen in turn, joined.
    public mutating func text(of pieces: [String], fewerThan limit: Int) -> String {
        (0..<(next() % limit)).map { _ in pieces[next() % pieces.count] }.joined()
    }
}
