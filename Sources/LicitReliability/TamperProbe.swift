struct TamperProbe {
    let lab: Lab
    func run() async throws -> Findings { Findings() }
}
