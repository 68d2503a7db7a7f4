import Foundation
import LicitClient
import LicitWire

/// The bots' acts. A step with `refused_with` is an injected mistake: the exchange must refuse it
/// with that reason, and the report's bot log shows the rule the exchange enforced.
extension TrainingPlay {
    func bot(_ act: String, _ step: Scenario.Step, index: Int) async throws {
        let country = step.country ?? self.scenario.partner
        do {
            try await self.perform(act, step, index: index, country: country)
            if let reason = step.refusedWith {
                throw SimError(
                    "step \(index): the exchange accepted a bot's \(act) that it should refuse with \(reason)"
                )
            }
        } catch let error as LicitClientError where error.code == .rejected {
            let reason = error.status?.reason ?? "refused"
            guard reason == step.refusedWith else {
                // What the trainee did earlier (a cancelled IA, a missed step) can make a bot's act
                // impossible: the scenario goes on without it.
                self.log(
                    "\(act) by \(country) refused by the exchange (\(reason): \(error.status?.message ?? "")); going on"
                )
                return
            }
            self.log("\(act) by \(country) refused by the exchange: \(reason)")
            if let rule = step.rule { self.training.show("  the rule: \(rule)") }
        }
    }

    private func client(_ country: String) throws -> LicitClient {
        guard let client = self.bots[country] else {
            throw SimError("no bot plays \(country): its signer is not in the sandbox")
        }
        return client
    }

    private func perform(_ act: String, _ step: Scenario.Step, index: Int, country: String) async throws {
        let today = try await self.today()
        switch act {
        case "issue-ia":
            let importer = try self.authority(of: country)
            let content = Licit_V1_ImportAuthorizationContent.with {
                $0.number = self.number(index)
                $0.exportingCountry = self.training.trainee
                $0.importer.id = "\(importer)-T1"
                $0.exporter = .with {
                    $0.name = "Exporter in \(self.training.trainee)"
                    $0.address = "Industrial Zone"
                }
                $0.lines = [
                    .with {
                        $0.form = step.substance ?? "MORPHINE"
                        $0.tradedMg = (try? QuantityText.milligrams(step.quantity ?? "1kg")) ?? 1_000_000
                    }
                ]
                $0.period = .with {
                    $0.first = today
                    $0.last = CalendarDay.adding(days: 60, to: today)
                }
                $0.multipleConsignments = true
            }
            let document = try await self.client(country).issueImportAuthorization(content)
            self.remember(step.as, document)
            self.log(
                "\(country) issued IA \(step.as ?? "") for \(step.quantity ?? "1kg") of \(step.substance ?? "MORPHINE")"
            )
        case "issue-ea":
            var quantity = try QuantityText.milligrams(step.quantity ?? "1kg")
            let citation: Licit_V1_Citation
            if step.document == "nonexistent" {
                citation = .with {
                    $0.number = "NO-SUCH-IA"
                    $0.issuedOn = today
                    $0.authority = self.traineeAuthority
                }
            } else {
                let reference = try self.named(step.document, step)
                let ia = try await self.board.document(authority: reference.authority, number: reference.number)
                citation = .with {
                    $0.number = reference.number
                    $0.issuedOn = ia.importAuthorization?.issuedOn ?? today
                    $0.authority = reference.authority
                }
                // A bot that means no harm exports at most what remains of the IA.
                if step.refusedWith == nil {
                    quantity = min(quantity, Self.base(ia) - ia.state.committedMg.reduce(0, +))
                }
            }
            let content = Licit_V1_ExportAuthorizationContent.with {
                $0.number = self.number(index)
                $0.importAuthorization = citation
                $0.lines = [
                    .with {
                        $0.form = step.substance ?? "MORPHINE"
                        $0.tradedMg = quantity
                    }
                ]
                $0.period = .with {
                    $0.first = today
                    $0.last = CalendarDay.adding(days: 30, to: today)
                }
            }
            let document = try await self.client(country).issueExportAuthorization(content)
            self.remember(step.as, document)
            self.log(
                "\(country) issued EA \(step.as ?? "") for \(QuantityText.format(quantity)) against \(step.document ?? "")"
            )
        case "record-exported":
            let reference = try self.named(step.document, step)
            let ea = try await self.board.document(authority: reference.authority, number: reference.number)
            _ = try await self.client(country).recordExported(
                number: reference.number,
                exportedMilligrams: [min(try QuantityText.milligrams(step.quantity ?? "0kg"), Self.base(ea))]
            )
            self.log("\(country) recorded \(step.quantity ?? "") exported under \(step.document ?? "")")
        case "endorse":
            let reference = try self.named(step.document, step)
            _ = try await self.client(country).endorse(
                authority: reference.authority,
                number: reference.number,
                importedMilligrams: [try QuantityText.milligrams(step.quantity ?? "0kg")]
            )
            self.log("\(country) endorsed \(step.document ?? "") with \(step.quantity ?? "")")
        case "cancel":
            let reference = try self.named(step.document, step)
            _ = try await self.client(country).cancel(
                number: reference.number,
                reason: step.rule ?? "cancelled by the bot"
            )
            self.log("\(country) cancelled \(step.document ?? "")")
        case "supplementary-estimate":
            try await self.supplement(step)
        case "query-return", "accept-return":
            // The Board decides the trainee's submitted form C for this year.
            let year = Int(try await self.today().prefix(4))!
            let decided = try await self.board.decideReturn(
                country: self.training.trainee,
                form: "C",
                year: year,
                accept: act == "accept-return",
                reason: act == "accept-return"
                    ? "" : (step.rule ?? "the Board asks for the stocks at the end of the year")
            )
            self.log("the Board \(decided.status) \(decided.country)'s form C for \(year)")
        case "decide-estimate":
            // The Board confirms the trainee's request: whole, or `quantity` of it.
            let request = try self.named(step.document, step)
            let asked = try await self.board.supplementaryEstimates(country: self.training.trainee).first {
                $0.id == request.number
            }
            let confirmed = try step.quantity.map(QuantityText.milligrams) ?? asked?.requestedMg ?? 0
            let decided = try await self.board.decideSupplementaryEstimate(
                id: request.number,
                confirmedMilligrams: confirmed,
                reason: confirmed == asked?.requestedMg ? "" : "the Board confirmed part of it"
            )
            self.log("the Board \(decided.status) \(decided.id): \(QuantityText.format(decided.confirmedMg)) confirmed")
        case "clock":
            let seconds = try Self.seconds(step.duration ?? "1d")
            let clock = try await self.board.setSandboxClock(advanceSeconds: Int64(seconds))
            self.log("the Board moved the clock \(step.duration ?? "1d") on, to \(clock.day)")
        case "wait":
            let seconds = try Self.seconds(step.duration ?? "1s") * self.training.pace
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        default:
            throw SimError("unknown bot act \(act)")
        }
    }

    /// The Board confirms a supplementary estimate for the trainee's country this year.
    private func supplement(_ step: Scenario.Step) async throws {
        let substance = step.substance ?? "MORPHINE"
        let year = UInt32(try await self.today().prefix(4))!
        let reference = try await self.board.reference(country: self.training.trainee)
        guard var allowance = reference.allowances.first(where: { $0.substance == substance && $0.year == year }) else {
            throw SimError("\(self.training.trainee) has no estimate of \(substance) for \(year) to supplement")
        }
        allowance.supplementaryMg.append(try QuantityText.milligrams(step.quantity ?? "0kg"))
        _ = try await self.board.importReference(.with { $0.allowances = [allowance] })
        self.log(
            "the Board confirmed a supplementary estimate of \(step.quantity ?? "") of \(substance) for \(self.training.trainee)"
        )
    }

    private func authority(of country: String) throws -> String {
        guard
            let account = self.training.manifest.accounts.first(where: { $0.name == "\(country.lowercased())-signer" })
        else {
            throw SimError("no signer for \(country)")
        }
        return account.authority
    }

    static func seconds(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value >= 0 else {
            throw SimError("\(text) is not a duration (write 2s, 45m, 12h or 31d)")
        }
        return value * unit
    }
}
