struct HostileNetwork {
    let lab: Lab
    func run() async throws -> Findings { Findings() }
}
