/// Why the token store could not do its job, each description saying what to do about it.
public enum TokenStoreError: Error, Sendable, CustomStringConvertible, Equatable {
    case badName(String)
    case noAccount(String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case lockTimeout(String)

    public var description: String {
        switch self {
        case .badName(let name):
            return "“\(name)” cannot name an OAuth account: use 1 to 128 letters, digits, ‘.’, ‘_’, ‘@’, ‘+’ or ‘-’, "
                + "not starting with ‘.’"
        case .noAccount(let name):
            return "no signed-in account \(name): sign in with `events config smtp login \(name)`"
        case .unreadable(let path, let reason):
            return "cannot read the OAuth account file \(path): \(reason); fix or remove it, then sign in again if needed"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason); check the directory's owner, permissions and free space"
        case .lockTimeout(let name):
            return "another `events` process has held the OAuth account \(name) too long; try again, "
                + "or look for a stuck `events` process"
        }
    }
}
