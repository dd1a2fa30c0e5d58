import CEtPan
import Foundation

/// The state of a selected folder (RFC 3501 §2.3.1.1).
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var exists: UInt32
    public var uidNext: UInt32
}

/// A message fetched with `BODY.PEEK[]` (which leaves \Seen alone).
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    public var bytes: [UInt8]
}

extension IMAPConnection {
    /// SELECTs a folder (name in UTF-8; sent as modified UTF-7).
    public func select(_ folder: String) throws(IMAPError) -> MailboxStatus {
        let started = Date()
        let code = mailimap_select(session, ModifiedUTF7.encode(folder))
        if code == MAILIMAP_ERROR_SELECT {
            throw .folderUnavailable(folder: folder, serverText: serverText)
        }
        try check(code, "SELECT \(folder)", started: started)
        guard let info = session.pointee.imap_selection_info?.pointee else {
            throw .commandFailed(operation: "SELECT \(folder)", serverText: "no mailbox state in the reply")
        }
        return MailboxStatus(uidValidity: info.sel_uidvalidity, exists: info.sel_exists, uidNext: info.sel_uidnext)
    }

    /// Whether a folder exists (LIST).
    public func folderExists(_ folder: String) throws(IMAPError) -> Bool {
        var result: UnsafeMutablePointer<clist>?
        let started = Date()
        let code = mailimap_list(session, "", ModifiedUTF7.encode(folder), &result)
        defer { if let result { mailimap_list_result_free(result) } }
        try check(code, "LIST \(folder)", started: started)
        return result.map { $0.pointee.count > 0 } ?? false
    }

    /// CREATEs a folder unless it exists.
    public func createFolderIfMissing(_ folder: String) throws(IMAPError) {
        guard try !folderExists(folder) else { return }
        let started = Date()
        let code = mailimap_create(session, ModifiedUTF7.encode(folder))
        if code == MAILIMAP_ERROR_CREATE {
            throw .folderUnavailable(folder: folder, serverText: serverText)
        }
        try check(code, "CREATE \(folder)", started: started)
    }

    /// The UIDs and sizes of the messages with UID ≥ `first`, ascending (one `UID FETCH first:*`).
    public func messageSizes(fromUID first: UInt32) throws(IMAPError) -> [(uid: UInt32, size: Int)] {
        let set = mailimap_set_new_interval(max(first, 1), 0)
        defer { mailimap_set_free(set) }
        let fetchType = mailimap_fetch_type_new_fetch_att_list_empty()
        defer { mailimap_fetch_type_free(fetchType) }
        mailimap_fetch_type_new_fetch_att_list_add(fetchType, mailimap_fetch_att_new_uid())
        mailimap_fetch_type_new_fetch_att_list_add(fetchType, mailimap_fetch_att_new_rfc822_size())
        var sizes: [(uid: UInt32, size: Int)] = []
        try fetch(set, fetchType, "UID FETCH (RFC822.SIZE)") { uid, size, _ in
            // `n:*` always includes the last message, even when its UID is below n.
            if uid >= first { sizes.append((uid, size ?? 0)) }
        }
        return sizes.sorted { $0.uid < $1.uid }
    }

    /// Fetches whole messages by UID in one `UID FETCH … BODY.PEEK[]`; messages expunged meanwhile
    /// are simply absent from the result.
    public func fetchMessages(_ uids: [UInt32]) throws(IMAPError) -> [FetchedMessage] {
        guard !uids.isEmpty else { return [] }
        let set = Self.uidSet(uids)
        defer { mailimap_set_free(set) }
        let fetchType = mailimap_fetch_type_new_fetch_att_list_empty()
        defer { mailimap_fetch_type_free(fetchType) }
        mailimap_fetch_type_new_fetch_att_list_add(fetchType, mailimap_fetch_att_new_uid())
        mailimap_fetch_type_new_fetch_att_list_add(fetchType,
                                                   mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nil)))
        var messages: [FetchedMessage] = []
        messages.reserveCapacity(uids.count)
        try fetch(set, fetchType, "UID FETCH BODY.PEEK[]") { uid, _, body in
            if let body { messages.append(FetchedMessage(uid: uid, bytes: body)) }
        }
        return messages.sorted { $0.uid < $1.uid }
    }

    private func fetch(_ set: UnsafeMutablePointer<mailimap_set>?, _ fetchType: UnsafeMutablePointer<mailimap_fetch_type>?,
                       _ operation: String, _ each: (UInt32, Int?, [UInt8]?) -> Void) throws(IMAPError) {
        var result: UnsafeMutablePointer<clist>?
        let started = Date()
        let code = mailimap_uid_fetch(session, set, fetchType, &result)
        defer { if let result { mailimap_fetch_list_free(result) } }
        try check(code, operation, started: started)
        var iterator = cetpan_clist_begin(result)
        while let message = cetpan_clist_content(iterator)?.assumingMemoryBound(to: mailimap_msg_att.self) {
            var uid: UInt32 = 0, size: Int?, body: [UInt8]?
            var item = cetpan_clist_begin(message.pointee.att_list)
            while let attribute = cetpan_clist_content(item)?.assumingMemoryBound(to: mailimap_msg_att_item.self) {
                if attribute.pointee.att_type == MAILIMAP_MSG_ATT_ITEM_STATIC,
                   let value = attribute.pointee.att_data.att_static?.pointee {
                    switch Int(value.att_type) {
                    case MAILIMAP_MSG_ATT_UID:
                        uid = value.att_data.att_uid
                    case MAILIMAP_MSG_ATT_RFC822_SIZE:
                        size = Int(value.att_data.att_rfc822_size)
                    case MAILIMAP_MSG_ATT_BODY_SECTION:
                        if let section = value.att_data.att_body_section?.pointee {
                            body = section.sec_body_part.map {
                                [UInt8](UnsafeRawBufferPointer(start: $0, count: section.sec_length))
                            } ?? []
                        }
                    default:
                        break
                    }
                }
                item = cetpan_clist_next(item)
            }
            if uid != 0 { each(uid, size, body) }
            iterator = cetpan_clist_next(iterator)
        }
    }

    // MARK: Marking processed messages

    /// The UIDs up to `last` that are still in the folder, optionally only those without `\Seen`.
    public func uids(upTo last: UInt32, unseenOnly: Bool) throws(IMAPError) -> [UInt32] {
        guard last > 0 else { return [] }
        let key = mailimap_search_key_new_multiple_empty()
        defer { mailimap_search_key_free(key) }
        mailimap_search_key_multiple_add(key, mailimap_search_key_new_uid(mailimap_set_new_interval(1, last)))
        if unseenOnly {
            mailimap_search_key_multiple_add(key, Self.searchKey(Int32(MAILIMAP_SEARCH_KEY_UNSEEN)))
        }
        var result: UnsafeMutablePointer<clist>?
        let started = Date()
        let code = mailimap_uid_search(session, nil, key, &result)
        defer { if let result { mailimap_search_result_free(result) } }
        try check(code, "UID SEARCH", started: started)
        var uids: [UInt32] = []
        var iterator = cetpan_clist_begin(result)
        while let uid = cetpan_clist_content(iterator)?.assumingMemoryBound(to: UInt32.self) {
            if uid.pointee <= last { uids.append(uid.pointee) }
            iterator = cetpan_clist_next(iterator)
        }
        return uids.sorted()
    }

    private static func searchKey(_ type: Int32) -> UnsafeMutablePointer<mailimap_search_key>? {
        mailimap_search_key_new(type, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, 0,
                                nil, nil, nil, nil, nil, nil, 0, nil, nil, nil)
    }

    /// Adds `\Seen` to the messages.
    public func markSeen(_ uids: [UInt32]) throws(IMAPError) {
        try addFlag(mailimap_flag_new_seen(), to: uids, "UID STORE +FLAGS (\\Seen)")
    }

    /// Deletes the messages: `\Deleted`, then `UID EXPUNGE` of exactly those (UIDPLUS), or EXPUNGE.
    public func delete(_ uids: [UInt32]) throws(IMAPError) {
        guard !uids.isEmpty else { return }
        try addFlag(mailimap_flag_new_deleted(), to: uids, "UID STORE +FLAGS (\\Deleted)")
        try expunge(uids)
    }

    /// Moves the messages to another folder: `UID MOVE` where the server has MOVE, else `UID COPY`,
    /// `\Deleted` and `UID EXPUNGE`.
    public func move(_ uids: [UInt32], to folder: String) throws(IMAPError) {
        guard !uids.isEmpty else { return }
        let set = Self.uidSet(uids)
        defer { mailimap_set_free(set) }
        let target = ModifiedUTF7.encode(folder)
        if mailimap_has_extension(session, "MOVE") != 0 {
            let started = Date()
            try check(mailimap_uid_move(session, set, target), "UID MOVE to \(folder)", started: started)
        } else {
            let started = Date()
            try check(mailimap_uid_copy(session, set, target), "UID COPY to \(folder)", started: started)
            try delete(uids)
        }
    }

    private func expunge(_ uids: [UInt32]) throws(IMAPError) {
        let started = Date()
        if mailimap_has_uidplus(session) != 0 {
            let set = Self.uidSet(uids)
            defer { mailimap_set_free(set) }
            try check(mailimap_uid_expunge(session, set), "UID EXPUNGE", started: started)
        } else {
            try check(mailimap_expunge(session), "EXPUNGE", started: started)
        }
    }

    private func addFlag(_ flag: UnsafeMutablePointer<mailimap_flag>?, to uids: [UInt32],
                         _ operation: String) throws(IMAPError) {
        guard !uids.isEmpty else { return }
        let set = Self.uidSet(uids)
        defer { mailimap_set_free(set) }
        let flags = mailimap_flag_list_new_empty()
        mailimap_flag_list_add(flags, flag)
        let store = mailimap_store_att_flags_new_add_flags_silent(flags)
        defer { mailimap_store_att_flags_free(store) }
        let started = Date()
        try check(mailimap_uid_store(session, set, store), operation, started: started)
    }

    /// A UID set of ranges: 1,2,3,7 → 1:3,7.
    static func uidSet(_ uids: [UInt32]) -> UnsafeMutablePointer<mailimap_set>? {
        let set = mailimap_set_new_empty()
        for range in UIDRanges(uids) {
            mailimap_set_add_interval(set, range.lowerBound, range.upperBound)
        }
        return set
    }
}
