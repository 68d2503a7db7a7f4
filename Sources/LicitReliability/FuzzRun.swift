import Foundation

/// The libFuzzer targets of `Fuzz/` (frame decoder; every request decoded and handled), built
/// with -sanitize=fuzzer,address and run for the scale's seconds each by `Fuzz/run`, whose
/// JSON report is folded in here. Any crash fails the category; its input is kept in
/// `Fuzz/Regressions`, which `swift test` replays from then on.
struct FuzzRun {
    let lab: Lab

    /// `Fuzz/run` in the source tree this program was built from.
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/run")
    }

    func run() throws -> Findings {
        var findings = Findings()
        guard FileManager.default.isExecutableFile(atPath: Self.script.path) else {
            findings.fail("no fuzz runner at \(Self.script.path)")
            return findings
        }
        let report = self.lab.work.appendingPathComponent("fuzz-report.json")
        self.lab.say(
            "building the sanitizer build of Fuzz/ (6 minutes cold on 2 cores) and fuzzing \(self.lab.scale.fuzzSeconds) s per target"
        )
        // Fuzz/run's own progress (the build, libFuzzer's status lines) goes straight to the console.
        let fuzz = Process()
        fuzz.executableURL = Self.script
        fuzz.arguments = ["--seconds", "\(self.lab.scale.fuzzSeconds)", "--report", report.path]
        fuzz.standardOutput = FileHandle.standardError
        fuzz.standardError = FileHandle.standardError
        try fuzz.run()
        fuzz.waitUntilExit()
        guard let data = try? Data(contentsOf: report),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let targets = json["targets"] as? [[String: Any]]
        else {
            findings.fail("Fuzz/run wrote no report (exit \(fuzz.terminationStatus)); its output is above")
            return findings
        }
        var executions = 0.0
        var crashes = 0.0
        for target in targets {
            let name = target["name"] as? String ?? "?"
            let ran = (target["executions"] as? NSNumber)?.doubleValue ?? 0
            let crashed = (target["crashes"] as? NSNumber)?.doubleValue ?? 0
            executions += ran
            crashes += crashed
            findings.figures["\(name)_executions"] = ran
            findings.figures["\(name)_executions_per_second"] =
                (target["executions_per_second"] as? NSNumber)?.doubleValue ?? 0
            findings.figures["\(name)_crashes"] = crashed
            findings.figures["\(name)_seconds"] = (target["seconds"] as? NSNumber)?.doubleValue ?? 0
            findings.check(ran > 0, "\(name) ran no input")
            findings.check(
                crashed == 0,
                "\(name) crashed \(Int(crashed)) times; inputs kept in Fuzz/Regressions/\(name)"
            )
        }
        findings.figures["executions"] = executions
        findings.figures["crashes"] = crashes
        findings.check(fuzz.terminationStatus == 0, "Fuzz/run exited \(fuzz.terminationStatus); its output is above")
        return findings
    }
}
