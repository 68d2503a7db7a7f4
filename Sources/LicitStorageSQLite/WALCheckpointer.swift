import Dispatch
import GRDB
import GRDBSQLite
import Metrics
import Synchronization

/// Copies the WAL back into the database file (a checkpoint) on a connection and a thread of its
/// own, so that no commit waits for the bulk of it.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past its threshold:
/// that caller waits while thousands of pages are read back and written, and the writer's next
/// batch waits behind it. Here the writer's connection reports the WAL's size after each commit
/// (SQLite's WAL hook, which replaces the automatic checkpoint). Past `threshold` pages a
/// PASSIVE checkpoint copies the WAL on the checkpointer's own connection, beside the writer and
/// the readers. The writer goes on committing meanwhile, so that copy always ends a few commits
/// short of the WAL's end; after the next commit the writer copies those few pages itself, and
/// the WAL, now copied whole, starts again from its beginning with the next transaction. A WAL
/// that a long reader keeps from being copied grows until a checkpoint can copy it, as it would
/// under SQLite's own.
///
/// Checkpoints change no data and are not part of durability: every commit is in the synced WAL.
final class WALCheckpointer: Sendable {
    /// Pages in the WAL that start a checkpoint. Rarer checkpoints copy a page that many commits
    /// changed (an index's last leaf, the trail's head) once for all of them.
    let threshold: Int
    private let connection: DatabaseQueue
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "licit.wal-checkpoint")

    private struct State {
        var phase = Phase.idle
        var completed = 0
    }

    private enum Phase {
        case idle
        /// The checkpointer is copying the WAL.
        case copying
        /// It has copied the WAL as it stood when it began: the writer copies the rest.
        case copied
    }

    init(path: String, threshold: Int) throws {
        self.threshold = threshold
        var configuration = Configuration()
        configuration.label = "licit.wal-checkpoint"
        self.connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Checkpoints completed so far.
    var checkpoints: Int { self.state.withLock { $0.completed } }

    /// Has the writer's connection report the WAL's size after each commit. On the writer.
    func watch(_ writer: Database) {
        sqlite3_wal_hook(
            writer.sqliteConnection,
            { context, connection, _, pages in
                let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue()
                checkpointer.committed(walPages: Int(pages), on: connection)
                return SQLITE_OK
            },
            Unmanaged.passUnretained(self).toOpaque()
        )
    }

    /// Stops the writer's reports (SQLite's automatic checkpoint stays off). On the writer.
    func unwatch(_ writer: Database) {
        sqlite3_wal_hook(writer.sqliteConnection, nil, nil)
    }

    /// After each commit, on the writer: starts a checkpoint past the threshold, or copies the
    /// pages committed while the last one ran.
    private func committed(walPages pages: Int, on writer: OpaquePointer?) {
        enum Step { case none, start, finish }
        let step = self.state.withLock { state -> Step in
            switch state.phase {
            case .copying:
                return .none
            case .copied:
                state.phase = .idle
                return .finish
            case .idle:
                guard pages >= self.threshold else { return .none }
                state.phase = .copying
                return .start
            }
        }
        switch step {
        case .start:
            self.queue.async { self.copy() }
        case .finish:
            // Only what was committed while the checkpointer copied; failing, the WAL just goes on.
            sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        case .none:
            break
        }
    }

    private func copy() {
        let started = ContinuousClock.now
        // A failure (the disk, a lock) leaves the WAL as it is: the next commit past the threshold tries again.
        let done = (try? self.connection.writeWithoutTransaction { try $0.checkpoint(.passive) }) != nil
        if done { Self.durations.record(duration: started.duration(to: .now)) }
        self.state.withLock { state in
            state.phase = done ? .copied : .idle
            if done { state.completed += 1 }
        }
    }

    /// Waits for a copy in progress and closes the connection. The store stops its writer's
    /// reports first (``unwatch(_:)``), so that none starts after.
    func close() throws {
        self.queue.sync {}
        try self.connection.close()
    }

    static let durations = Metrics.Timer(label: "licit_wal_checkpoint_seconds")
}
