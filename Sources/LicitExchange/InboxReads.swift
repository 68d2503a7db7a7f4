import LicitStorage
import Synchronization

/// Lets the live subscriptions of one inbox share their reads of the store: when a commit wakes
/// the 64 subscribers of a CNA's inbox, one of them reads the new events and the others take
/// theirs from that read, instead of 64 reads of the same rows.
///
/// A subscriber may join a read only if it began after the wake-up the subscriber answers (its
/// ``InboxSignal/generation`` is at least the subscriber's) and from no later a point than the
/// subscriber's cursor: such a read saw every event committed before that wake-up.
final class InboxReads: Sendable {
    struct Page: Sendable {
        let events: [InboxEntry]
        /// The read filled its page: more events may follow what it returned.
        let full: Bool
    }

    private struct Flight {
        let after: UInt64
        let generation: UInt64
        let read: Task<Page, any Error>
    }

    private let flights = Mutex<[String: Flight]>([:])

    /// The events of `recipient`'s inbox after `sequence` (at most `limit`), from a read that
    /// began at `generation` or later — this caller's own, or one it joins.
    func events(
        _ recipient: String,
        after sequence: UInt64,
        limit: Int,
        generation: UInt64,
        read: @escaping @Sendable (UInt64) async throws -> [InboxEntry]
    ) async throws -> Page {
        let flight = self.flights.withLock { flights in
            if let flight = flights[recipient], flight.generation >= generation, flight.after <= sequence {
                return flight
            }
            let flight = Flight(
                after: sequence,
                generation: generation,
                read: Task {
                    let events = try await read(sequence)
                    return Page(events: events, full: events.count >= limit)
                }
            )
            flights[recipient] = flight
            return flight
        }
        let page = try await flight.read.value
        guard flight.after < sequence else { return page }
        let later = page.events.drop { $0.sequence <= sequence }
        // A full page ending at or before the cursor says nothing of what follows it: read on.
        if later.isEmpty, page.full {
            let events = try await read(sequence)
            return Page(events: events, full: events.count >= limit)
        }
        return Page(events: Array(later), full: page.full)
    }
}
