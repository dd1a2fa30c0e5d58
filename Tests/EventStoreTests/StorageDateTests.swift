@testable import EventStore
import Foundation
import GRDB
import Testing

/// The hot path's date text is GRDB's own text for `Date`, so both sort and read back alike.
@Suite("StorageDate")
struct StorageDateTests {
    @Test(arguments: [0, 0.9999, 1_795_000_000.25, 1_795_352_698.1234, 951_782_400.5, -86_400.75, 4_102_444_799.999])
    func matchesGRDB(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(DatabaseValue(value: StorageDate.text(date)) == date.databaseValue)
    }

    @Test func matchesGRDBNow() {
        let date = Date()
        #expect(StorageDate.text(date).databaseValue == date.databaseValue)
    }
}
