import Foundation
import GRDB

extension SQLiteStore {
    public func claimLease(_ name: String, holder: String, duration: TimeInterval) throws(StoreError) -> Bool {
        try writing("claiming \(name)") { session in
            var claimed = false
            try session.db.inTransaction(.immediate) {
                let now = Date()
                try session.db.execute(sql: """
                    INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    WHERE leases.holder = excluded.holder OR leases.expires_at < ?
                    """, arguments: [name, holder, now.addingTimeInterval(duration), now])
                claimed = session.db.changesCount > 0
                return .commit
            }
            return claimed
        }
    }

    public func releaseLease(_ name: String, holder: String) throws(StoreError) {
        try writing("releasing \(name)") { session in
            try session.db.execute(sql: "DELETE FROM leases WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }

    public func leaseHolder(_ name: String) throws(StoreError) -> String? {
        try reading("reading the lease of \(name)") { db in
            try String.fetchOne(db, sql: "SELECT holder FROM leases WHERE name = ? AND expires_at >= ?",
                                arguments: [name, Date()])
        }
    }

    public func takeOverLease(_ name: String, from previous: String, holder: String,
                              duration: TimeInterval) throws(StoreError) -> Bool {
        try writing("taking over \(name)") { session in
            try session.db.execute(sql: "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?",
                                   arguments: [holder, Date().addingTimeInterval(duration), name, previous])
            return session.db.changesCount > 0
        }
    }
}
