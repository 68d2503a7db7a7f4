import Foundation
import LicitStorage
import Synchronization

/// A document row's `state` column: JSON `{"body":…,"annotations":…}`, which SQL can also read
/// (`json_each(state, '$.annotations.notices')`).
///
/// JSON coding is the dearest part of a write, so the codec remembers the last state of each
/// recently used document. Reading a row whose text is the one remembered skips decoding it;
/// writing a body unchanged since (an IA whose export totals moved) skips encoding the body.
/// The memo is checked by equality — of the stored text, of the body — so a rolled-back write or
/// a row changed by someone else can only make it miss, never answer wrongly.
final class DocumentStateCodec: Sendable {
    private struct Remembered {
        var text: String
        var body: DocumentBody
        var annotations: DocumentAnnotations
        /// The body's JSON, when this codec encoded it.
        var bodyJSON: String?
    }

    private let memo = Mutex<[DocumentKey: Remembered]>([:])
    /// Documents remembered at most; past it the memo starts again empty.
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func encode(_ body: DocumentBody, _ annotations: DocumentAnnotations) throws -> String {
        let remembered = self.memo.withLock { $0[body.key] }
        let bodyJSON: String
        if let remembered, let json = remembered.bodyJSON, remembered.body == body {
            bodyJSON = json
        } else {
            bodyJSON = try CompactJSON.encode(body)
        }
        let text = #"{"body":"# + bodyJSON + #","annotations":"# + (try CompactJSON.encode(annotations)) + "}"
        self.remember(
            body.key,
            Remembered(text: text, body: body, annotations: annotations, bodyJSON: bodyJSON)
        )
        return text
    }

    func decode(_ text: String, of key: DocumentKey) throws -> (DocumentBody, DocumentAnnotations) {
        if let remembered = self.memo.withLock({ $0[key] }), remembered.text == text {
            return (remembered.body, remembered.annotations)
        }
        let state = try JSONDecoder().decode(State.self, from: Data(text.utf8))
        self.remember(key, Remembered(text: text, body: state.body, annotations: state.annotations))
        return (state.body, state.annotations)
    }

    private func remember(_ key: DocumentKey, _ state: Remembered) {
        self.memo.withLock { memo in
            if memo.count >= self.capacity, memo[key] == nil { memo.removeAll(keepingCapacity: true) }
            memo[key] = state
        }
    }

    private struct State: Decodable {
        let body: DocumentBody
        let annotations: DocumentAnnotations
    }
}
