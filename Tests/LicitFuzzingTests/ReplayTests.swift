import Foundation
import LicitFuzzing
import Testing

/// Every seed and every input that ever crashed a fuzzer, replayed through the fuzzers' own entry
/// points, so that a fixed crash stays fixed. See docs/FUZZING.md.
@Suite("Fuzz corpus and regressions", .serialized)
struct ReplayTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fuzz = Self.root.appendingPathComponent("Fuzz")

    /// The inputs of `target`: its seed corpus, then its regressions (README and dot files aside).
    static func inputs(_ target: String) -> [URL] {
        ["Corpus", "Regressions"].flatMap { folder in
            let directory = Self.fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
                .map { directory.appendingPathComponent($0) }
        }
    }

    /// Runs `check` on every input of `target` on a thread of its own (the request fuzzer blocks
    /// while the exchange answers); returns how many ran, and the findings by file.
    static func replay(
        _ target: String,
        _ check: @escaping @Sendable ([UInt8]) throws(FuzzFinding) -> Void
    ) async throws -> (count: Int, findings: [(String, FuzzFinding)]) {
        let inputs = try Self.inputs(target).map { ($0.lastPathComponent, Array(try Data(contentsOf: $0))) }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var findings: [(String, FuzzFinding)] = []
                for (name, bytes) in inputs {
                    do throws(FuzzFinding) { try check(bytes) } catch { findings.append((name, error)) }
                }
                continuation.resume(returning: (inputs.count, findings))
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    @Test("every frame input replays without a finding")
    func frames() async throws {
        let (count, findings) = try await Self.replay("fuzz-frames", FrameFuzzing.check)
        #expect(count > 0, "no input in Fuzz/Corpus/fuzz-frames or Fuzz/Regressions/fuzz-frames")
        for (name, finding) in findings {
            Issue.record("fuzz-frames/\(name): \(finding)")
        }
    }

    @Test("every request input replays without a finding")
    func requests() async throws {
        let (count, findings) = try await Self.replay("fuzz-requests", RequestFuzzing.check)
        #expect(count > 0, "no input in Fuzz/Corpus/fuzz-requests or Fuzz/Regressions/fuzz-requests")
        for (name, finding) in findings {
            Issue.record("fuzz-requests/\(name): \(finding)")
        }
    }

    @Test("the frame corpus holds every golden frame")
    func goldenFrames() throws {
        let golden = Self.root.appendingPathComponent("Proto/testdata")
        let names = try FileManager.default.contentsOfDirectory(atPath: golden.path).filter { $0.hasSuffix(".bin") }
        #expect(!names.isEmpty)
        for name in names {
            let corpus = Self.fuzz.appendingPathComponent("Corpus/fuzz-frames").appendingPathComponent(name)
            #expect(
                (try? Data(contentsOf: corpus)) == (try Data(contentsOf: golden.appendingPathComponent(name))),
                "Fuzz/Corpus/fuzz-frames/\(name) is not a copy of Proto/testdata/\(name)"
            )
        }
    }

    /// With LICIT_FUZZ_WRITE_SEEDS=1, (re)writes the request seeds first.
    @Test("the request corpus holds the seed of every method, as RequestSeeds makes it")
    func requestSeeds() throws {
        let directory = Self.fuzz.appendingPathComponent("Corpus/fuzz-requests")
        let seeds = RequestSeeds.all
        if ProcessInfo.processInfo.environment["LICIT_FUZZ_WRITE_SEEDS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for seed in seeds {
                try Data(seed.input.bytes).write(to: directory.appendingPathComponent("\(seed.name).bin"))
            }
        }
        for seed in seeds {
            let file = directory.appendingPathComponent("\(seed.name).bin")
            #expect(
                (try? Data(contentsOf: file)) == Data(seed.input.bytes),
                "Fuzz/Corpus/fuzz-requests/\(seed.name).bin is missing or stale: LICIT_FUZZ_WRITE_SEEDS=1 swift test --filter LicitFuzzingTests"
            )
        }
        let seeded = Set(seeds.map(\.input.methodName))
        for method in RequestCatalogue.methods where !seeded.contains(method) {
            Issue.record("no seed calls \(method): add one to RequestSeeds")
        }
    }

    @Test("the input format names every method the daemon registers, and what each answers")
    func catalogue() {
        for method in RequestCatalogue.registered {
            #expect(
                RequestCatalogue.inputOrder.contains(method),
                "append \(method) to RequestCatalogue.inputOrder"
            )
            #expect(
                RequestCatalogue.responses[method] != nil || RequestCatalogue.events[method] != nil,
                "RequestCatalogue.responses does not say what \(method) answers"
            )
        }
        #expect(Set(RequestCatalogue.methods).count == RequestCatalogue.methods.count)
    }
}
