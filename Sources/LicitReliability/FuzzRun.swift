struct FuzzRun {
    let lab: Lab
    func run() throws -> Findings { Findings() }
}
