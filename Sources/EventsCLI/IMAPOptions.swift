import ArgumentParser

/// `events ingest`'s IMAP options; each may also come from the config file under its long name.
struct IMAPOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The folder to read: imaps://USER@HOST[:PORT]/FOLDER (TLS), or imap://… (STARTTLS, required).",
        valueName: "url"))
    var imap: String?

    @Option(help: ArgumentHelp(
        "TLS mode instead of the URL's: ssl, starttls, or none (plain text; only for a server on this machine).",
        valueName: "mode"))
    var tls: String?

    @Option(help: ArgumentHelp(
        "Trust only the CA certificates in this PEM file (a private CA) instead of the system's.", valueName: "file"))
    var caFile: String?

    @Flag(help: "Accept any server certificate. Unsafe: logged as a warning on every run.")
    var insecure = false

    @Option(help: ArgumentHelp(
        "A file holding the password (else $EVENTS_IMAP_PASSWORD). Never give a password on the command line.",
        valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("A file holding an OAuth2 access token, for XOAUTH2.", valueName: "file"))
    var oauth2TokenFile: String?

    @Option(help: ArgumentHelp(
        "A shell command that prints an OAuth2 access token (run at each connection), for XOAUTH2.",
        valueName: "command"))
    var oauth2TokenCommand: String?

    @Option(help: ArgumentHelp(
        "An account signed in with `events config smtp login NAME --imap`: its access tokens, renewed when due (XOAUTH2).",
        valueName: "name"))
    var oauth2Account: String?

    @Option(help: ArgumentHelp(
        "What to do with a message once stored: seen (default), move:FOLDER, delete, or none.", valueName: "action"))
    var after: String?

    @Option(help: ArgumentHelp("Seconds any one network operation may take (default 30).", valueName: "seconds"))
    var timeout: Int?

    @Flag(help: "Stay connected and ingest new mail as it arrives (IMAP IDLE); stop with SIGINT or SIGTERM.")
    var watch = false

    /// Whether any IMAP-only option was given without --imap.
    var givesIMAPOnlyOptions: Bool {
        tls != nil || caFile != nil || insecure || passwordFile != nil || oauth2TokenFile != nil
            || oauth2TokenCommand != nil || oauth2Account != nil || after != nil || timeout != nil || watch
    }
}
