import EventsCLI
#if canImport(Glibc)
import Glibc
#endif

// A server that drops the connection must surface as an error on write, not kill the process.
signal(SIGPIPE, SIG_IGN)

Events.runAndExit()
