import Foundation
import LicitClient
import LicitWire

/// The trainee's expected acts, watched through the Board's view of the exchange until each is
/// seen or its time runs out.
extension TrainingPlay {
    func expect(_ expectation: String, _ step: Scenario.Step, index: Int) async throws {
        let before = Set(try await self.traineeDocuments().map(Self.key))
            .union(try await self.traineeEstimates().map(Self.key))
        // On the exchange's clock (less a second for the estimate of it): what the trainee files from now on.
        let started = Int64(try await self.board.exchangeTime().timeIntervalSince1970 * 1000) - 1000
        let within = (step.within ?? 600) * self.training.pace
        let deadline = ContinuousClock.now + .milliseconds(Int64(within * 1000))
        if let prompt = self.training.prompt {
            try await prompt(Training.Prompt(step: step, documents: self.documents, today: try await self.today()))
        }
        let rule = step.rule ?? ""
        if expectation == "does-not-issue-ea" {
            try await Task.sleep(until: deadline, clock: .continuous)
            let cited = try self.named(step.document, step)
            let issued = try await self.traineeDocuments().filter {
                !before.contains(Self.key($0)) && $0.exportAuthorization?.importAuthorization.number == cited.number
            }
            self.outcome(
                .init(
                    step: index,
                    expectation: expectation,
                    met: issued.isEmpty,
                    rule: rule,
                    detail: issued.isEmpty
                        ? "no EA was issued against \(step.document ?? "")"
                        : "an EA was issued against \(step.document ?? "")"
                )
            )
            return
        }
        while true {
            if let (document, detail) = try await self.find(expectation, step, before: before, started: started) {
                self.remember(step.as, document)
                self.outcome(
                    .init(step: index, expectation: expectation, met: detail.met, rule: rule, detail: detail.text)
                )
                return
            }
            guard ContinuousClock.now < deadline else {
                self.outcome(
                    .init(step: index, expectation: expectation, met: false, rule: rule, detail: "not done in time")
                )
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The document an expectation looks for, once the trainee has made it; whether it is right.
    private func find(
        _ expectation: String,
        _ step: Scenario.Step,
        before: Set<String>,
        started: Int64
    ) async throws -> (Licit_V1_Document, (met: Bool, text: String))? {
        let fresh = try await self.traineeDocuments().filter { !before.contains(Self.key($0)) }
        let partner = step.country ?? self.scenario.partner
        switch expectation {
        case "issues-ia":
            guard
                let document = fresh.first(where: {
                    $0.importAuthorization.map { $0.exportingCountry == partner && !$0.lines.isEmpty } ?? false
                        && !$0.state.paper
                })
            else { return nil }
            return (document, try self.judge(document, step))
        case "records-paper-ia":
            guard
                let document = fresh.first(where: {
                    $0.state.paper && $0.importAuthorization?.importingCountry == partner
                })
            else { return nil }
            return (document, try self.judge(document, step))
        case "records-paper-ea":
            guard
                let document = fresh.first(where: {
                    $0.state.paper && $0.exportAuthorization?.exportingCountry == partner
                })
            else { return nil }
            return (document, try self.judge(document, step))
        case "submits-return":
            // A return of the trainee's country, submitted since the step began.
            guard
                let filing = try await self.board.returnFilings(country: self.training.trainee).first(where: {
                    $0.status == "submitted" && $0.updatedAtMs >= started
                })
            else { return nil }
            var problems: [String] = []
            if let substance = step.substance, !filing.figures.contains(where: { $0.substance == substance }) {
                problems.append("no figure for \(substance)")
            }
            if let item = step.item, !filing.figures.contains(where: { $0.item == item }) {
                problems.append("no \(item) figure")
            }
            let text = "form \(filing.form) for \(filing.year) submitted with \(filing.figures.count) figures"
            return (
                Licit_V1_Document(),
                (problems.isEmpty, problems.isEmpty ? text : "\(text): " + problems.joined(separator: "; "))
            )
        case "requests-estimate":
            guard
                let request = try await self.traineeEstimates().first(where: {
                    !before.contains(Self.key($0)) && $0.substance == (step.substance ?? $0.substance)
                })
            else { return nil }
            let least = try step.atLeast.map(QuantityText.milligrams) ?? 1
            let asked = "asked for \(QuantityText.format(request.requestedMg)) of \(request.substance)"
            let reference = Licit_V1_DocumentRef.with {
                $0.authority = Self.estimates
                $0.number = request.id
            }
            self.remember(step.as, reference)
            return (
                Licit_V1_Document(),
                request.requestedMg >= least
                    ? (true, asked) : (false, "\(asked): less than \(step.atLeast ?? "")")
            )
        case "issues-ea":
            let cited = try self.named(step.document, step)
            guard
                let document = fresh.first(where: { $0.exportAuthorization?.importAuthorization.number == cited.number }
                )
            else { return nil }
            return (document, try self.judge(document, step))
        case "endorses":
            let reference = try self.named(step.document, step)
            let document = try await self.board.document(authority: reference.authority, number: reference.number)
            guard document.state.status == "endorsed" else { return nil }
            let received = document.state.importedMg.reduce(0, +)
            let wanted = try QuantityText.milligrams(step.quantity ?? "0kg")
            return (
                document,
                (
                    received == wanted,
                    "endorsed with \(QuantityText.format(received)); \(QuantityText.format(wanted)) arrived"
                )
            )
        default:
            throw SimError("unknown expectation \(expectation)")
        }
    }

    /// Whether a document the trainee made is right: its quantity and its override.
    private func judge(_ document: Licit_V1_Document, _ step: Scenario.Step) throws -> (met: Bool, text: String) {
        let base = Self.base(document)
        var problems: [String] = []
        if let least = step.atLeast, base < (try QuantityText.milligrams(least)) {
            problems.append("less than \(least)")
        }
        if let most = step.atMost, base > (try QuantityText.milligrams(most)) { problems.append("more than \(most)") }
        if let substance = step.substance,
            !(document.importAuthorization?.lines ?? document.exportAuthorization?.lines ?? []).contains(where: {
                $0.substance == substance
            })
        {
            problems.append("not \(substance)")
        }
        if step.noOverride == true, !document.state.overrideJustification.isEmpty {
            problems.append("issued over the estimate with an override instead of a supplementary estimate")
        }
        let text =
            "\(QuantityText.format(base)) of base" + (problems.isEmpty ? "" : ": " + problems.joined(separator: "; "))
        return (problems.isEmpty, text)
    }

    /// Where a scenario's named supplementary estimates are kept among its documents.
    static let estimates = "ESTIMATE"

    /// The trainee's country's requests for supplementary estimates, as the Board sees them.
    func traineeEstimates() async throws -> [Licit_V1_SupplementaryEstimate] {
        try await self.board.supplementaryEstimates(country: self.training.trainee)
    }

    static func key(_ estimate: Licit_V1_SupplementaryEstimate) -> String { "estimate/\(estimate.id)" }

    /// Every document the trainee's CNA issued or recorded, as the Board sees them.
    func traineeDocuments() async throws -> [Licit_V1_Document] {
        var request = Licit_V1_ListDocumentsRequest.with { $0.pageSize = 500 }
        request.authority = self.traineeAuthority
        var issued = try await self.board.documents(request).documents
        request.authority = ""
        request.counterpartCountry = self.training.trainee
        let recorded = try await self.board.documents(request).documents.filter {
            $0.state.recordedBy == self.traineeAuthority
        }
        issued += recorded
        return issued
    }

    static func key(_ document: Licit_V1_Document) -> String {
        let ia = document.importAuthorization
        let ea = document.exportAuthorization
        return "\(ia?.authority ?? ea?.authority ?? "")/\(ia?.number ?? ea?.number ?? "")"
    }
}
