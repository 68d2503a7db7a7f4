import Foundation

/// `reliability-report.json`: every figure of one run, and whether each category met its bar.
public struct ReliabilityReport: Codable, Sendable {
    public var startedAt: String
    public var seconds: Double
    public var scale: String
    /// sqlite or postgres.
    public var backend: String
    public var machine: String
    public var passed: Bool
    public var categories: [CategoryReport]
}

/// One category's result: the cases it tried, the ones that failed, and its figures.
public struct CategoryReport: Codable, Sendable {
    public var name: String
    public var passed: Bool
    public var seconds: Double
    public var cases: Int
    public var failures: Int
    /// Named figures: counts, latencies in milliseconds, rates.
    public var figures: [String: Double]
    /// The first failures, each saying what was expected and what happened.
    public var failureExamples: [String]
    /// What was not run, and why (a missing tool outside CI).
    public var skipped: [String]
}

/// What a probe gathers while it runs: each case checked, and the figures it measures.
struct Findings: Sendable {
    private(set) var cases = 0
    private(set) var failures: [String] = []
    var figures: [String: Double] = [:]
    var skipped: [String] = []

    /// Counts one case; a false `passed` records `failure`.
    mutating func check(_ passed: Bool, _ failure: @autoclosure () -> String) {
        self.cases += 1
        if !passed { self.failures.append(failure()) }
    }

    mutating func fail(_ failure: String) { self.check(false, failure) }

    mutating func add(_ other: Findings) {
        self.cases += other.cases
        self.failures += other.failures
        self.figures.merge(other.figures) { _, new in new }
        self.skipped += other.skipped
    }

    func report(_ name: String, seconds: Double) -> CategoryReport {
        CategoryReport(
            name: name,
            passed: self.failures.isEmpty,
            seconds: (seconds * 10).rounded() / 10,
            cases: self.cases,
            failures: self.failures.count,
            figures: self.figures,
            failureExamples: Array(self.failures.prefix(20)),
            skipped: self.skipped
        )
    }
}

extension ReliabilityReport {
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
