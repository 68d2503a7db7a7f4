import ArgumentParser

/// How a listing is printed: a table for people, JSON or CSV for other programs.
struct ListingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Option(name: .long, help: "table, json or csv.")
    var format: Format = .table

    @Flag(name: .long, help: "Same as --format json.")
    var json = false

    /// Prints `rows` as a table or CSV, or `values` (the messages) as JSON.
    func print(header: [String], rows: [[String]], json values: @autoclosure () -> Any) {
        switch self.json ? .json : self.format {
        case .table: Console.current.out(Output.table(header, rows))
        case .csv: Console.current.out(Output.csv(header, rows))
        case .json: Output.print(json: values())
        }
    }
}
