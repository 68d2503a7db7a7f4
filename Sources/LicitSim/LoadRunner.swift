import Foundation
import LicitClient
import LicitWire
import Synchronization

/// Drives a load run against a sandbox over real TLS: one client per connection, each acting as
/// a country's signer, issuing IAs to other countries, EAs against the IAs they received, and
/// endorsing the EAs addressed to them, with queries in between.
public struct LoadRunner: Sendable {
    public let manifest: SimManifest
    public let settings: LoadSettings
    /// Called about once a second with a progress line (the command prints it on standard error).
    public let progress: @Sendable (String) -> Void

    public init(
        manifest: SimManifest,
        settings: LoadSettings,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.manifest = manifest
        self.settings = settings
        self.progress = progress
    }

    public func run() async throws -> LoadReport {
        let signers = Array(self.manifest.countrySigners.prefix(self.settings.authorities))
        guard signers.count >= 2 else { throw SimError("a load run needs at least two authorities") }
        guard self.settings.connections >= signers.count else {
            throw SimError("give at least one connection per authority (--connections \(signers.count) or more)")
        }
        let clients = try (0..<self.settings.connections).map { index in
            LicitClient(configuration: try self.manifest.configuration(for: signers[index % signers.count]))
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients { group.addTask { try await client.run() } }
            defer {
                for client in clients { client.shutdown() }
                group.cancelAll()
            }
            let today = CalendarDay.format(try await clients[0].exchangeTime())
            let world = LoadWorld(signers: signers, clients: clients, today: today)
            let started = ContinuousClock.now
            let wallStart = Date()
            let recorder = LoadRecorder(start: started)
            let end = started + .milliseconds(Int64(self.settings.durationSeconds * 1000))
            let ticker = Task {
                await self.tick(
                    recorder,
                    started: started,
                    end: self.settings.ramp == nil ? end : .now + .seconds(86_400)
                )
            }
            if let ramp = self.settings.ramp {
                await self.ramp(ramp, world, recorder, authorities: signers.count)
            } else if self.settings.rate != nil {
                let plan = LoadPlan(self.settings, authorities: signers.count)
                await self.openLoop(plan, world, recorder, started: started, end: end)
            } else {
                let plan = LoadPlan(self.settings, authorities: signers.count)
                await self.closedLoop(plan, world, recorder, end: end)
            }
            ticker.cancel()
            let elapsed = Double(LoadRecorder.microseconds(started.duration(to: .now))) / 1_000_000
            return LoadReport(
                settings: self.settings,
                startedAt: wallStart,
                elapsedSeconds: elapsed,
                recorder: recorder
            )
        }
    }

    /// Sends each step at its intended time, whatever the answers; latency counts from that time.
    /// Returns how many it sent.
    @discardableResult
    private func openLoop(
        _ plan: LoadPlan,
        _ world: LoadWorld,
        _ recorder: LoadRecorder,
        started: ContinuousClock.Instant,
        end: ContinuousClock.Instant
    ) async -> Int {
        let cap = self.settings.connections * 64
        return await withTaskGroup(of: Void.self, returning: Int.self) { group in
            var inFlight = 0
            var sent = 0
            for index in 0..<plan.count {
                let step = plan[index]
                let intended = started + .milliseconds(Int64(step.intendedOffset * 1000))
                guard intended < end else { break }
                try? await Task.sleep(until: intended, clock: .continuous)
                while inFlight >= cap {
                    await group.next()
                    inFlight -= 1
                }
                group.addTask { await world.perform(step, intended: intended, recorder: recorder) }
                inFlight += 1
                sent += 1
            }
            await group.waitForAll()
            return sent
        }
    }

    /// Open loop at each rate of the ramp in turn, until a step is not kept up with.
    private func ramp(
        _ ramp: LoadRamp,
        _ world: LoadWorld,
        _ recorder: LoadRecorder,
        authorities: Int
    ) async {
        var firstIndex = 0
        for (index, rate) in ramp.rates.enumerated() {
            var step = self.settings
            step.rate = rate
            step.durationSeconds = ramp.stepSeconds
            step.seed = self.settings.seed &+ UInt64(index)
            recorder.beginStep(rate: rate)
            let started = ContinuousClock.now
            let end = started + .milliseconds(Int64(ramp.stepSeconds * 1000))
            let plan = LoadPlan(step, authorities: authorities, firstIndex: firstIndex)
            firstIndex += plan.count
            let sent = await self.openLoop(plan, world, recorder, started: started, end: end)
            guard let recorded = recorder.endStep(sent: sent, elapsed: started.duration(to: .now)) else { return }
            let summary = LoadReport.RampStep(recorded, ramp: ramp)
            self.progress(summary.line)
            guard summary.keptUp else { return }
        }
    }

    /// Each connection sends its next step when its previous one is answered.
    private func closedLoop(
        _ plan: LoadPlan,
        _ world: LoadWorld,
        _ recorder: LoadRecorder,
        end: ContinuousClock.Instant
    ) async {
        let next = StepCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<self.settings.connections {
                group.addTask {
                    while ContinuousClock.now < end {
                        let index = next.take()
                        await world.perform(plan[index % plan.count], intended: .now, recorder: recorder)
                    }
                }
            }
        }
    }

    private func tick(_ recorder: LoadRecorder, started: ContinuousClock.Instant, end: ContinuousClock.Instant) async {
        while !Task.isCancelled, ContinuousClock.now < end {
            try? await Task.sleep(for: .seconds(1))
            let seconds = Double(LoadRecorder.microseconds(started.duration(to: .now))) / 1_000_000
            let (count, errors, p50, p99) = recorder.progress
            let throughput = seconds > 0 ? Double(count) / seconds : 0
            self.progress(
                String(
                    format: "[%5.1fs] %llu ops  %.0f/s  %d errors  p50 %.2f ms  p99 %.2f ms",
                    seconds,
                    count,
                    throughput,
                    errors,
                    p50,
                    p99
                )
            )
        }
    }
}

/// Hands out step numbers to the connections of a closed loop.
final class StepCounter: Sendable {
    private let next = Atomic<Int>(0)
    func take() -> Int { self.next.add(1, ordering: .relaxed).oldValue }
}
