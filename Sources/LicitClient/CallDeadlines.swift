import NIOCore

/// The deadlines of one connection's calls, earliest first, so that one timer serves them all:
/// scheduling and cancelling a timer for every call cost more than the rest of its bookkeeping.
///
/// A call answered in time is not looked for here (that would cost a search per answer): its
/// deadline stays until it passes or until ``compact(keeping:)`` drops it.
struct CallDeadlines {
    private var heap: [(deadline: NIODeadline, callID: UInt64)] = []

    var count: Int { self.heap.count }
    var earliest: NIODeadline? { self.heap.first?.deadline }

    mutating func insert(_ deadline: NIODeadline, callID: UInt64) {
        self.heap.append((deadline, callID))
        self.siftUp(self.heap.count - 1)
    }

    /// Removes and returns the calls whose deadline is `now` or earlier, earliest first.
    mutating func removeExpired(at now: NIODeadline) -> [UInt64] {
        var expired: [UInt64] = []
        while let first = self.heap.first, first.deadline <= now {
            expired.append(first.callID)
            let last = self.heap.removeLast()
            if !self.heap.isEmpty {
                self.heap[0] = last
                self.siftDown(0)
            }
        }
        return expired
    }

    /// Keeps only the deadlines of the calls still waiting.
    mutating func compact(keeping isWaiting: (UInt64) -> Bool) {
        self.heap.removeAll { !isWaiting($0.callID) }
        for index in stride(from: self.heap.count / 2 - 1, through: 0, by: -1) { self.siftDown(index) }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard self.heap[child].deadline < self.heap[parent].deadline else { return }
            self.heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < self.heap.count else { return }
            let right = left + 1
            let child =
                right < self.heap.count && self.heap[right].deadline < self.heap[left].deadline ? right : left
            guard self.heap[child].deadline < self.heap[parent].deadline else { return }
            self.heap.swapAt(child, parent)
            parent = child
        }
    }
}
