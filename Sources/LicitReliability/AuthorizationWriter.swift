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

    /// Writes until the connection fails (the daemon was killed).
    func run(france: LicitClient, india: LicitClient) async {
        while await self.next(france: france, india: india) {}
    }

    /// Makes `count` writes (fewer if the connection fails).
    func write(_ count: Int, france: LicitClient, india: LicitClient) async {
        for _ in 0..<count where await self.next(france: france, india: india) {}
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
            if ["rate_limited", "storage_unavailable", "draining"].contains(reason) { return false }
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
        let today = Self.day(0)
        switch write.kind {
        case .importAuthorization:
            return try await france.issueImportAuthorization(
                .with {
                    $0.number = write.number
                    $0.exportingCountry = "IN"
                    $0.importer.id = "FR-ANSM-T1"
                    $0.exporter = .with {
                        $0.name = "India Pharma Ltd"
                        $0.address = "Mumbai"
                    }
                    $0.lines = [
                        .with {
                            $0.form = "CODEINE-PHOSPHATE-HEMIHYDRATE"; $0.tradedMg = Self.tradedMg
                        }
                    ]
                    $0.period = .with {
                        $0.first = today
                        $0.last = Self.day(60)
                    }
                },
                overrideJustification: "reliability harness: estimates are not under test",
                requestID: write.requestID
            )
        case .exportAuthorization:
            let ia = write.number.replacingOccurrences(of: "-EA", with: "-IA")
            return try await india.issueExportAuthorization(
                .with {
                    $0.number = write.number
                    $0.importAuthorization = .with {
                        $0.number = ia
                        $0.authority = "FR-ANSM"
                        $0.issuedOn = self.issuedOn.isEmpty ? today : self.issuedOn
                    }
                    $0.lines = [
                        .with {
                            $0.form = "CODEINE-PHOSPHATE-HEMIHYDRATE"; $0.tradedMg = Self.eaTradedMg
                        }
                    ]
                    $0.period = .with {
                        $0.first = today
                        $0.last = Self.day(30)
                    }
                },
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

    static func day(_ offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }
}
