import LicitStorage

/// The latest events of each inbox, as the store committed them since the daemon started: every
/// event of an inbox after its `floor` is held.
struct RecentEvents {
    /// How many events of one inbox are kept at least (up to twice as many).
    static let kept = 256

    struct Page: Equatable {
        let events: [InboxEntry]
        /// Every event of the inbox up to this sequence is in `events` or before the cursor.
        let through: UInt64
        let more: Bool
    }

    private struct Inbox {
        var events: [InboxEntry] = []
        var floor: UInt64

        /// Keeps `event`; beyond twice ``RecentEvents/kept``, forgets the oldest half.
        mutating func append(_ event: InboxEntry) {
            self.events.append(event)
            guard self.events.count > 2 * RecentEvents.kept else { return }
            self.floor = self.events[RecentEvents.kept - 1].sequence
            self.events.removeFirst(RecentEvents.kept)
        }
    }

    /// The highest sequence committed when the store began publishing: every later event is seen.
    let start: UInt64
    private(set) var head: UInt64
    private var inboxes: [String: Inbox] = [:]

    init(start: UInt64) {
        self.start = start
        self.head = start
    }

    mutating func append(_ events: [InboxEntry], head: UInt64) {
        for event in events { self.inboxes[event.recipient, default: Inbox(floor: self.start)].append(event) }
        self.head = max(self.head, head)
    }

    func page(_ recipient: String, after sequence: UInt64, known: UInt64, limit: Int) -> Page? {
        let inbox = self.inboxes[recipient] ?? Inbox(floor: self.start)
        guard known >= inbox.floor else { return nil }
        let events = inbox.events
        var low = 0
        var high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[middle].sequence <= sequence { low = middle + 1 } else { high = middle }
        }
        let page = events[low...].prefix(limit)
        let more = events.count - low > limit
        return Page(events: Array(page), through: more ? page.last!.sequence : self.head, more: more)
    }
}
