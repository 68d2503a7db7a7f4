import Foundation
import LicitModel
import LicitStorage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writer per database: an exclusive `flock` on `<database>.lock`, held while the store is
/// open. A second daemon started on the same files (or a second store in one process) is refused
/// at once, naming the process that holds it, instead of interleaving its writes with the first's.
/// The kernel drops the lock when the holder exits, however it exits.
final class WriterLock: Sendable {
    private let descriptor: Int32

    init(database path: String) throws {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ExchangeError(
                "database_unavailable",
                "cannot open \(lockPath): \(String(cString: strerror(errno)))"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            close(descriptor)
            throw ExchangeError.databaseInUse(path, by: holder ?? "")
        }
        // Who holds it, for the next one's message.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }

    /// Lets another store open the database.
    func release() {
        _ = flock(self.descriptor, LOCK_UN)
    }

    deinit {
        close(self.descriptor)
    }
}

extension ExchangeError {
    /// Another store holds the database: two writers would fork the audit trail.
    public static func databaseInUse(_ path: String, by holder: String) -> ExchangeError {
        ExchangeError(
            "database_in_use",
            "\(path) is already served by another licitd\(holder.isEmpty ? "" : " (process \(holder))"): one daemon writes a database; stop the other first, or give this one its own database"
        )
    }
}
