import CEtPan

/// The two TLS steps libetpan leaves to its caller, shared by the IMAP and SMTP clients: setting
/// SNI before the handshake, and reading the peer's chain after it so that it can be verified.
enum ServerTLS {
    /// Sets SNI on libetpan's TLS context before the handshake (`data` is the host name, nil for IPs).
    static let setServerName: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { context, data in
        guard let context, let data else { return }
        mailstream_ssl_set_server_name(context, data.assumingMemoryBound(to: CChar.self))
    }

    /// The peer's certificates on `stream` as DER, leaf first.
    static func certificateChain(_ stream: UnsafeMutablePointer<mailstream>?) -> [[UInt8]] {
        guard let stream, let chain = mailstream_get_certificate_chain(stream) else { return [] }
        defer { mailstream_certificate_chain_free(chain) }
        return (0..<cetpan_carray_count(chain)).compactMap { index in
            guard let string = cetpan_carray_get(chain, index)?.assumingMemoryBound(to: MMAPString.self),
                  let bytes = string.pointee.str else { return nil }
            return [UInt8](UnsafeRawBufferPointer(start: bytes, count: string.pointee.len))
        }
    }
}
