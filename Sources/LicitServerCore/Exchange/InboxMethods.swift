import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire
import Metrics

/// licit.v1.Inbox: each CNA's (and the Board's) durable inbox, read live or by page, with a
/// cursor per account that only moves forward.
struct InboxMethods {
    let exchange: Exchange

    static let readers: Set<Role> = [.officer, .signer, .viewer, .boardAdmin, .boardObserver]
    static let pageSize = 256

    var handlers: [MethodHandler] {
        let exchange = self.exchange
        let encoded = EncodedEvents()
        let undelivered = Meter(label: "licit_inbox_undelivered_events")
        return [
            MethodHandler(
                name: LicitMethod.Inbox.subscribe,
                allowedRoles: Self.readers,
                isWrite: false,
                body: .subscription { context, payload, sink in
                    let request = try SessionMethods.decode(Licit_V1_SubscribeRequest.self, payload)
                    let live = try await exchange.follow(
                        context.account,
                        after: request.afterSequence,
                        fromCursor: request.fromCursor
                    )
                    while !Task.isCancelled {
                        let (events, more) = try await live.next(limit: Self.pageSize)
                        if !events.isEmpty {
                            // Read but not yet delivered, across every subscription: counted once per
                            // page, not per event, off the push's hot path.
                            undelivered.increment(by: Double(events.count))
                            defer { undelivered.decrement(by: Double(events.count)) }
                            if let event = events.first, events.count == 1 {
                                try await sink.send(sequence: event.sequence, payload: try encoded.payload(of: event))
                            } else {
                                try await sink.send(events.map { ($0.sequence, try encoded.payload(of: $0)) })
                            }
                        }
                        if !more {
                            guard await live.wait() else { return }
                        }
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Inbox.listEvents,
                allowedRoles: Self.readers,
                isWrite: false,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_ListEventsRequest.self, payload)
                    let account = context.account
                    let limit = try PageSize.events.resolve(request.limit, field: "limit")
                    let (events, cursor) = try await exchange.inboxPage(
                        for: account,
                        after: request.afterSequence,
                        limit: limit
                    )
                    return try Licit_V1_ListEventsResponse.with {
                        $0.events = events.map(Self.wire)
                        $0.acknowledged = cursor
                    }.serializedData()
                }
            ),
            MethodHandler(
                name: LicitMethod.Inbox.acknowledge,
                allowedRoles: Self.readers,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_AcknowledgeRequest.self, payload)
                    return try await exchange.acknowledge(
                        through: request.throughSequence,
                        by: context.caller,
                        payload: payload
                    ) { cursor in
                        try Licit_V1_AcknowledgeResponse.with { $0.acknowledged = cursor }.serializedData()
                    }
                }
            ),
        ]
    }

    static func wire(_ event: InboxEntry) -> Licit_V1_InboxEvent {
        .with {
            $0.sequence = event.sequence
            $0.kind = event.kind
            if let kind = event.documentKind {
                $0.document = .with {
                    $0.authority = event.document.authority
                    $0.number = event.document.number
                }
                $0.documentKind = WireModel.kind(kind)
            }
            $0.subject = event.subject
            $0.atMs = event.at
            $0.status = event.status
            $0.summary = event.summary
        }
    }
}
