struct AccessMatrix {
    let lab: Lab
    func run() async throws -> Findings { Findings() }
}
