/// A store that is the only writer of its inbox events (the embedded store: one daemon per
/// database) and tells which events each commit wrote, so that live subscribers can be handed
/// them without reading them back, and only the subscribers of the inboxes written to need wake.
public protocol CommittedEventsFeed: Storage {
    /// Calls `deliver` at once, on the store's writer, with no events and the highest event
    /// sequence committed so far; then after every commit that wrote events — once it is durable
    /// and its writers are answered — with those events in sequence order and the new highest.
    func publishCommittedEvents(to deliver: @escaping @Sendable ([InboxEntry], UInt64) -> Void) throws
}
