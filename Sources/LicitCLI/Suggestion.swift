/// "Did you mean …" for a code or name typed wrong: the closest known ones by edit distance.
enum Suggestion {
    /// "did you mean X? " (or "X or Y"), or empty when nothing known is close.
    static func nearest(_ typed: String, among known: [String]) -> String {
        let typed = typed.uppercased()
        let scored = known.map { ($0, Self.distance(typed, $0.uppercased())) }
        guard let best = scored.map(\.1).min(), best <= max(2, typed.count / 3) else { return "" }
        let closest = scored.filter { $0.1 == best }.map(\.0).sorted().prefix(3)
        return "did you mean \(closest.joined(separator: " or "))? "
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
