import Foundation
import LicitClient
import LicitWire

/// One writer of the crash harness: France imports codeine from India, one authorization after
/// another, each through IA → EA → short export → endorsement. A write that gets no answer is
/// kept, with its request id, and sent again on the next connection until it is settled.
final class AuthorizationWriter: @unchecked Sendable {
    static let prefix = "RLB"
    static let tradedMg: Int64 = 20_000
    /// Codeine phosphate hemihydrate is 0.7367 codeine base.
    static let iaBaseMg: Int64 = 14_734
    static let eaTradedMg: Int64 = 10_000
    static let exportedMg: Int64 = 7_000
    static let importedMg: Int64 = 6_500

    let index: Int
    let book: WriteBook
    let inFlight: Counter
    /// Every write this writer planned, in order; the last one may be unsettled.
    private(set) var writes: [PlannedWrite] = []
    private var chain = 0
    private var step = 0
    private var unsettled: PlannedWrite?
    private var issuedOn = ""

    init(index: Int, book: WriteBook, inFlight: Counter) {
        self.index = index
        self.book = book
        self.inFlight = inFlight
    }

    /// Writes until the connection fails (the daemon was killed) or `stop` says so, 10 000 writes
    /// at most.
    func run(france: LicitClient, india: LicitClient, until stop: @Sendable () -> Bool = { false }) async {
        await self.write(10_000, france: france, india: india, until: stop)
    }

    /// Makes `count` writes (fewer if the connection fails or `stop` says so).
    func write(
        _ count: Int,
        france: LicitClient,
        india: LicitClient,
        until stop: @Sendable () -> Bool = { false }
    ) async {
        for _ in 0..<count where !stop() {
            guard await self.next(france: france, india: india) else { return }
        }
    }

    /// Sends the unsettled write again (after the last restart) until it is settled.
    func settle(france: LicitClient, india: LicitClient) async {
        guard self.unsettled != nil else { return }
        for _ in 0..<50 {
            guard await self.next(france: france, india: india, onlyUnsettled: true) else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            return
        }
    }

    /// One write; false when the writer must stop for this connection.
    private func next(france: LicitClient, india: LicitClient, onlyUnsettled: Bool = false) async -> Bool {
        let retry = self.unsettled != nil
        if onlyUnsettled, !retry { return true }
        let write = self.unsettled ?? self.plan()
        self.unsettled = write
        self.book.attempted(retry: retry)
        self.inFlight.add()
        defer { self.inFlight.add(-1) }
        do {
            let document = try await self.send(write, france: france, india: india)
            if write.kind == .importAuthorization { self.issuedOn = document.importAuthorization?.issuedOn ?? "" }
            self.book.settle(write, .acknowledged)
            self.unsettled = nil
            self.step = (self.step + 1) % 4
            if self.step == 0 { self.chain += 1 }
            return true
        } catch let error as LicitClientError where error.code == .rejected {
            let reason = error.status?.reason ?? "rejected"
            if ["rate_limited", "storage_unavailable", "draining"].contains(reason) {
                self.book.answeredForNow(reason)
                return false
            }
            self.book.settle(write, .rejected(reason))
            self.unsettled = nil
            self.step = 0
            self.chain += 1
            return true
        } catch let error as LicitClientError {
            if error.code == .indeterminate || error.code == .deadlineExceeded { self.book.indeterminate(write) }
            return false
        } catch {
            self.book.indeterminate(write)
            return false
        }
    }

    private func plan() -> PlannedWrite {
        let kinds: [PlannedWrite.Kind] = [.importAuthorization, .exportAuthorization, .recordExported, .endorse]
        let number = "\(Self.prefix)-\(self.index)-\(self.chain)"
        let write = PlannedWrite(
            kind: kinds[self.step],
            number: self.step == 0 ? "\(number)-IA" : "\(number)-EA",
            requestID: "rlb-\(self.index)-\(self.chain)-\(self.step)"
        )
        self.writes.append(write)
        return write
    }

    private func send(
        _ write: PlannedWrite,
        france: LicitClient,
        india: LicitClient
    ) async throws -> Licit_V1_Document {
        switch write.kind {
        case .importAuthorization:
            return try await france.issueImportAuthorization(
                SampleDocuments.importAuthorization(
                    number: write.number,
                    importer: "FR-ANSM-T1",
                    tradedMg: Self.tradedMg
                ),
                overrideJustification: "reliability harness: estimates are not under test",
                requestID: write.requestID
            )
        case .exportAuthorization:
            return try await india.issueExportAuthorization(
                SampleDocuments.exportAuthorization(
                    number: write.number,
                    against: write.number.replacingOccurrences(of: "-EA", with: "-IA"),
                    of: "FR-ANSM",
                    issuedOn: self.issuedOn.isEmpty ? SampleDocuments.day(0) : self.issuedOn,
                    tradedMg: Self.eaTradedMg
                ),
                requestID: write.requestID
            )
        case .recordExported:
            return try await india.recordExported(
                number: write.number,
                exportedMilligrams: [Self.exportedMg],
                requestID: write.requestID
            )
        case .endorse:
            return try await france.endorse(
                authority: "IN-NCB",
                number: write.number,
                importedMilligrams: [Self.importedMg],
                requestID: write.requestID
            )
        }
    }
}
