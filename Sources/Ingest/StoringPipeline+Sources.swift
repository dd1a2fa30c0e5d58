import EventStore

extension StoringPipeline {
    /// Stores the pending messages of a Maildir, listing and reading them a chunk at a time so memory
    /// stays flat whatever the Maildir's size. Unreadable files are recorded and skipped; files that
    /// vanish meanwhile (another run took them) are skipped silently; an unreadable folder ends the
    /// run (after storing what was read) with a failure.
    public func ingest(_ maildir: MaildirSource) throws(StoreError) -> IngestSummary {
        do {
            expect(try maildir.pendingCount())
            try maildir.forEachPendingFile { file in
                let bytes: [UInt8]?
                do throws(InputError) { bytes = try maildir.read(file) } catch {
                    fail(error)
                    return
                }
                guard let bytes else { return }
                try add(PendingMessage(sourceKind: .maildir, sourceRef: file.path, bytes: bytes, file: file))
            }
        } catch let error as StoreError {
            throw error
        } catch let error as InputError {
            fail(error)
        } catch {
            fail(InputError(path: maildir.path, reason: "\(error)"))
        }
        return try finish()
    }

    /// Stores one message, or each message of an mbox stream, read from standard input. The ledger's
    /// source reference is the message's 1-based position in the stream.
    public func ingest(standardInput bytes: [UInt8]) throws(StoreError) -> IngestSummary {
        let messages = Mbox.looksLikeMbox(bytes) ? Mbox.split(bytes) : [bytes]
        expect(messages.count)
        for (index, message) in messages.enumerated() {
            try add(PendingMessage(sourceKind: .stdin, sourceRef: String(index + 1), bytes: message))
        }
        return try finish()
    }
}

extension MessageInput {
    /// All of standard input.
    public static func readStandardInput() throws(InputError) -> [UInt8] {
        try FileReader.readAll(fd: 0, sizeHint: 0, path: "-")
    }
}
