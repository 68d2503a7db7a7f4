enum ConsoleWords {
    static let table: [String: (french: String, spanish: String)] = [:]
}
