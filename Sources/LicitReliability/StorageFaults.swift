struct StorageFaults {
    let lab: Lab
    func run() async throws -> Findings { Findings() }
}
