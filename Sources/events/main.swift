import EventsCLI

Events.runAndExit()
