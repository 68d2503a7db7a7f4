import ArgumentParser
import Foundation
import LicitClient
import LicitSim
import LicitWire
import Testing

/// `licit-sim train`, end to end against an in-process sandbox, with scripted trainees.
@Suite("licit-sim train", .serialized)
struct TrainingTests {
    /// A fresh sandbox: a scenario's documents and estimates are its own.
    static func sandbox() async throws -> SimManifest {
        try SimManifest.read(sandbox: try await InProcessSandbox.start("licit-train"))
    }

    /// A trainee at France's CNA who does what each expectation asks — or, when `careless`, imports
    /// less than needed and endorses less than arrived.
    static func trainee(_ manifest: SimManifest, careless: Bool) -> @Sendable (Training.Prompt) async throws -> Void {
        { prompt in
            let configuration = try manifest.configuration(for: try manifest.account("fr-signer"))
            try await withLicitClient(configuration) { client in
                let step = prompt.step
                switch step.expect {
                case "issues-ia":
                    let kilograms: Int64 = careless ? 8 : 10
                    _ = try await client.issueImportAuthorization(
                        .with {
                            $0.number = "FR-TRAIN-\(UUID().uuidString.prefix(6))"
                            $0.exportingCountry = "IN"
                            $0.importer.id = "FR-ANSM-T1"
                            $0.exporter = .with {
                                $0.name = "Ganges Alkaloids Ltd"
                                $0.address = "Ghazipur"
                            }
                            $0.lines = [
                                .with {
                                    $0.form = step.substance ?? "MORPHINE"
                                    $0.tradedMg = kilograms * 1_000_000
                                }
                            ]
                            $0.period = .with {
                                $0.first = prompt.today
                                $0.last = String(Int(prompt.today.prefix(4))! + 1) + prompt.today.dropFirst(4)
                            }
                            $0.multipleConsignments = true
                        }
                    )
                case "endorses":
                    let ea = try #require(prompt.documents[step.document ?? ""])
                    _ = try await client.endorse(
                        authority: ea.authority,
                        number: ea.number,
                        importedMilligrams: [careless ? 7_000_000 : 9_500_000]
                    )
                default:
                    Issue.record("the scripted trainee does not know \(step.expect ?? "")")
                }
            }
        }
    }

    @Test("first-import: the bots act in order, and a careful trainee scores 2/2, a careless one 0/2")
    func firstImport() async throws {
        let scenario = try Scenario.load("first-import")
        for careless in [false, true] {
            let manifest = try await Self.sandbox()
            let shown = LockedLines()
            let report = try await Training(
                manifest: manifest,
                scenario: scenario,
                trainee: "FR",
                seed: 42,
                pace: 0.01,
                show: { shown.append($0) },
                prompt: Self.trainee(manifest, careless: careless)
            ).run()
            let expectedActions =
                careless
                ? [
                    "issue-ea by IN refused by the exchange: ia_not_usable", "IN issued EA ea for 8 kg against ia",
                    "IN recorded 9.5kg exported under ea",
                ]
                : [
                    "issue-ea by IN refused by the exchange: ia_not_usable", "IN issued EA ea for 10 kg against ia",
                    "IN recorded 9.5kg exported under ea",
                ]
            #expect(report.botActions == expectedActions, "\(report.botActions)")
            #expect(report.outcomes.map(\.met) == (careless ? [false, false] : [true, true]), "\(report.text)")
            #expect(report.score == (careless ? "0/2" : "2/2"))
            #expect(report.outcomes.allSatisfy { $0.rule.contains("art. 31") }, "each expectation names its rule")
            #expect(shown.all.contains { $0.hasPrefix("» Your importer FR-ANSM-T1 needs 10 kg") }, "the live view")
            #expect(shown.all.contains { $0.hasPrefix("bot: IN issued EA") })
        }
    }

    @Test("every shipped scenario reads, with steps, expectations and rules; a JSON file reads too")
    func shippedScenarios() throws {
        for name in Scenario.shippedNames {
            let scenario = try Scenario.load(name)
            #expect(scenario.name == name)
            #expect(scenario.steps.contains { $0.expect != nil })
            #expect(scenario.steps.filter { $0.expect != nil }.allSatisfy { !($0.rule ?? "").isEmpty })
        }
        let injected = try Scenario.shippedNames.map(Scenario.load).flatMap(\.steps).compactMap(\.refusedWith)
        #expect(Set(injected) == ["ia_not_usable", "over_remaining_ia", "ia_expired", "import_prohibited"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try Data(
            #"{"name": "tiny", "title": "Tiny", "trainee": "FR", "partner": "IN", "steps": [{"say": "hello", "bot": "wait", "duration": "1s"}]}"#
                .utf8
        ).write(to: file)
        #expect(try Scenario.load(file.path).steps.first?.duration == "1s")
        #expect(throws: SimError.self) { try Scenario.load("no-such-scenario") }
    }
}

extension TrainingTests {
    @Test("every shipped scenario can be passed: the model trainee scores full marks", arguments: Scenario.shippedNames)
    func modelAnswer(name: String) async throws {
        let manifest = try await Self.sandbox()
        let scenario = try Scenario.load(name)
        let model = ModelTrainee(manifest: manifest, scenario: scenario, country: scenario.trainee)
        let report = try await Training(
            manifest: manifest,
            scenario: scenario,
            seed: 1,
            pace: 0.01,
            prompt: { try await model.act($0) }
        ).run()
        #expect(!report.outcomes.isEmpty)
        #expect(report.met == report.outcomes.count, "\(report.text)")
    }
}

extension TrainingTests {
    @Test("licit-sim clock moves the sandbox's clock as its board admin")
    func clock() async throws {
        let manifest = try await Self.sandbox()
        let board = try manifest.configuration(for: try manifest.account("board-admin"))
        let before = try await withLicitClient(board) { try await $0.sandboxClock() }
        let folder = URL(fileURLWithPath: try manifest.account("board-admin").identity).deletingLastPathComponent()
            .deletingLastPathComponent()
        var command = try #require(
            try LicitSimCommand.parseAsRoot(["clock", "--sandbox", folder.path, "--advance", "3d"])
                as? any AsyncParsableCommand
        )
        try await command.run()
        let after = try await withLicitClient(board) { try await $0.sandboxClock() }
        #expect(after.nowMs - before.nowMs >= 3 * 86_400_000)
    }
}

extension TrainingTests {
    @Test("does-not-issue-ea: met when the trainee holds back, missed when it exports anyway")
    func holdingBack() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hold-back-\(UUID().uuidString).json")
        try Data(
            #"""
            {"name": "hold-back", "title": "Hold back", "trainee": "FR", "partner": "IN", "steps": [
              {"say": "India asks for 1 kg, but its trader's licence was withdrawn: do not export.",
               "bot": "issue-ia", "substance": "MORPHINE", "quantity": "1kg", "as": "ia"},
              {"expect": "does-not-issue-ea", "document": "ia", "within": 100, "rule": "No export to an unlicensed importer."}
            ]}
            """#.utf8
        ).write(to: file)
        let scenario = try Scenario.load(file.path)
        for exports in [false, true] {
            let manifest = try await Self.sandbox()
            let model = ModelTrainee(manifest: manifest, scenario: scenario, country: "FR")
            let report = try await Training(
                manifest: manifest,
                scenario: scenario,
                pace: 0.01,
                prompt: { prompt in
                    guard exports else { return }
                    var step = prompt.step
                    step.expect = "issues-ea"
                    try await model.act(Training.Prompt(step: step, documents: prompt.documents, today: prompt.today))
                }
            ).run()
            #expect(report.outcomes.map(\.met) == [!exports], "\(report.text)")
        }
    }
}

extension TrainingTests {
    @Test("a missed step is scored as missed, and the steps that needed its document too: never a crash")
    func missedStep() async throws {
        let manifest = try await Self.sandbox()
        let scenario = try Scenario.load("paper-partner")
        let model = ModelTrainee(manifest: manifest, scenario: scenario, country: scenario.trainee)
        let report = try await Training(
            manifest: manifest,
            scenario: scenario,
            seed: 3,
            pace: 0.005,
            prompt: { prompt in
                // Issues the IA, then never records the paper EA the partner posted.
                if prompt.step.expect == "issues-ia" { try await model.act(prompt) }
            }
        ).run()
        #expect(report.outcomes.map(\.expectation) == ["issues-ia", "records-paper-ea", "endorses"])
        #expect(report.outcomes.map(\.met) == [true, false, false], "\(report.text)")
        #expect(report.outcomes[1].detail == "not done in time")
        #expect(report.outcomes[2].detail == "not possible: ea was never made: an earlier step was missed")
        #expect(report.score == "1/3")
    }
}
