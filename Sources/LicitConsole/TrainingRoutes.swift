import Foundation
import Hummingbird
import HummingbirdWebSocket
import LicitSim

/// Training on a sandbox: a trainee plays a scenario of `licit-sim train` in the console — the
/// bots' acts appear live, the prompts (») are shown at the top of every page, and the score and the rules
/// taught come at the end; a trainer's page follows every trainee of the room.
extension Console {
    func addTrainingRoutes(to router: Router<ConsoleContext>) {
        guard let room = self.training else { return }
        router.get("/training") { request, _ in
            await self.page(request) { session, say in try await self.trainingPage(room, session, say) }
        }
        router.post("/training") { request, _ in
            await self.action(request) { session, form, _ in
                guard session.maySign else {
                    throw ConsoleInputError("trainees play a country's signer: sign in as one (fr-signer, in-signer …)")
                }
                let scenario = try Scenario.load(form["scenario"] ?? "")
                guard scenario.partner != session.account.country else {
                    throw ConsoleInputError(
                        "in \(scenario.name) the bots play \(scenario.partner): sign in as another country's signer"
                    )
                }
                let run = try await room.start(
                    scenario,
                    account: session.account.name,
                    country: session.account.country
                )
                return Reply.redirect("/training/\(run.id)")
            }
        }
        router.get("/training/trainer") { request, _ in
            await self.page(request) { session, say in try await self.trainerPage(room, session, say) }
        }
        router.get("/training/:id") { request, context in
            let id = try context.parameters.require("id")
            return await self.page(request) { session, say in
                guard let run = await room.run(id), run.account == session.account.name || session.isBoard else {
                    throw ConsoleInputError("no such training run")
                }
                return Page(title: say("Training"), body: Self.runBody(run, say), live: true)
            }
        }
        router.ws("/training/live") { request, _ in
            guard self.isSameOrigin(request), await self.session(request) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let session = await self.session(context.request), let id = Form.query(context.request)["id"],
                let run = await room.run(id), run.account == session.account.name || session.isBoard
            else { return }
            let after = Form.query(context.request)["after"].flatMap(Int.init) ?? 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var sent = after
                    for await _ in run.changes() {
                        let lines = run.lines
                        for index in sent..<lines.count {
                            try await outbound.write(.text(Self.json(["index": index, "line": lines[index]])))
                        }
                        sent = lines.count
                        if !run.isRunning {
                            try await outbound.write(.text(Self.json(["done": true])))
                            return
                        }
                    }
                }
                group.addTask { for try await _ in inbound {} }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private func trainingPage(_ room: TrainingRoom, _ session: ConsoleSession, _ say: Tongue) async throws -> Page {
        let mine = await room.all.filter { $0.account == session.account.name }
        let scenarios = Scenario.shippedNames.compactMap { try? Scenario.load($0) }
        let options = scenarios.map { scenario in
            "<option value=\"\(h(scenario.name))\">\(h(scenario.title)) (\(h(say("you play"))) \(h(scenario.trainee)), \(h(say("the bots play"))) \(h(scenario.partner)))</option>"
        }.joined()
        var body = """
            <p>\(h(say("Play a scenario as your country's signer. The bots play the other countries; follow the prompts (») with the console's pages, and see your score and the rules taught at the end.")))</p>
            <form method="post" action="/training" id="start-training">\(Page.csrf(session))
            <p><label for="scenario">\(h(say("Scenario")))</label> <select id="scenario" name="scenario">\(options)</select></p>
            <p><button type="submit">\(h(say("Start")))</button></p>
            </form>
            """
        if !mine.isEmpty {
            body += Self.runsTable(mine, say, caption: say("Your scenarios"))
        }
        if session.isBoard {
            body += "<p><a href=\"/training/trainer\">\(h(say("The trainer's page: every trainee")))</a></p>"
        }
        return Page(title: say("Training"), body: body)
    }

    private func trainerPage(_ room: TrainingRoom, _ session: ConsoleSession, _ say: Tongue) async throws -> Page {
        guard session.isBoard else {
            throw ConsoleInputError("the trainer's page is the training authority's: sign in as the sandbox's Board")
        }
        let runs = await room.all
        let body =
            "<p>\(h(say("Every trainee of this sandbox, with their progress and score. Reload to refresh.")))</p>"
            + Self.runsTable(runs, say, caption: say("Trainees"))
        return Page(title: say("Trainer"), body: body)
    }

    private static func runsTable(_ runs: [TrainingRun], _ say: Tongue, caption: String) -> String {
        let rows = runs.map { run -> [String] in
            let state: String
            let score: String
            switch run.state {
            case .running: (state, score) = (say("playing"), "")
            case .finished(let report): (state, score) = (say("finished"), report.score)
            case .failed(let message): (state, score) = (say("stopped") + ": " + message, "")
            }
            return [
                run.account, run.country, run.scenario.title, "\(run.ended)/\(run.expectations)", state, score, run.id,
            ]
        }
        let header = ["account", "country", "scenario", "progress", "state", "score"]
        return "<table id=\"trainees\"><caption>\(h(caption))</caption><thead><tr>"
            + header.map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { cells in
                "<tr data-run=\"\(cells[6])\">"
                    + cells.prefix(6).enumerated().map { index, cell in
                        index == 2 ? "<td><a href=\"/training/\(cells[6])\">\(h(cell))</a></td>" : "<td>\(h(cell))</td>"
                    }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
    }

    private static func runBody(_ run: TrainingRun, _ say: Tongue) -> String {
        let lines = run.lines.enumerated().map { index, line in
            "<li data-index=\"\(index)\"\(line.hasPrefix("» ") ? " class=\"prompt\"" : "")>\(h(line))</li>"
        }.joined()
        var body = """
            <h2>\(h(run.scenario.title))</h2>
            <p>\(h(say("You play"))) \(h(run.country)); \(h(say("the bots play"))) \(h(run.scenario.partner)). \(h(say("Use the inbox, the documents and the forms; this page and the box at the top of every page show what to do.")))</p>
            <ol id="training-log" data-run="\(run.id)" data-after="\(run.lines.count)"\(run.isRunning ? " data-running=\"true\"" : "") aria-live="polite">\(lines)</ol>
            """
        switch run.state {
        case .running:
            body += "<p id=\"training-state\">\(h(say("playing"))) — \(run.ended)/\(run.expectations)</p>"
        case .finished(let report):
            let outcomes = report.outcomes.map { outcome in
                "<tr><td>\(outcome.step)</td><td>\(h(outcome.expectation))</td><td>\(outcome.met ? "✓ " + h(say("met")) : "✗ " + h(say("missed")))</td>"
                    + "<td>\(h(outcome.detail))</td><td>\(h(outcome.rule))</td></tr>"
            }.joined()
            body += """
                <p id="training-score" class="\(report.met == report.outcomes.count ? "ok" : "problem")">\(h(say("Score"))): <strong>\(report.score)</strong></p>
                <table id="outcomes"><caption>\(h(say("What was expected, and the rule it teaches")))</caption>
                <thead><tr>\(["step", "expected", "outcome", "detail", "rule"].map { "<th scope=\"col\">\(h(say($0)))</th>" }.joined())</tr></thead>
                <tbody>\(outcomes)</tbody></table>
                """
        case .failed(let message):
            body += "<p class=\"problem\" id=\"training-state\">\(h(say("The scenario stopped"))): \(h(message))</p>"
        }
        return body
    }

    /// What a page shows above its content while its person is in training: the last prompt.
    func trainingAside(_ session: ConsoleSession, _ say: Tongue) async -> String? {
        guard let room = self.training, let run = await room.active(for: session.account.name) else { return nil }
        return """
            <aside class="training" aria-label="\(h(say("Training")))">
            <p><strong>\(h(say("Training")))</strong> — \(h(run.scenario.title)) (\(run.ended)/\(run.expectations))</p>
            \(run.prompt.map { "<p class=\"prompt\">» \(h($0))</p>" } ?? "")
            <p><a href="/training/\(run.id)">\(h(say("The scenario's page")))</a></p>
            </aside>
            """
    }
}
