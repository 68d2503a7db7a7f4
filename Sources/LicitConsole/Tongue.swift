import LicitCLI

/// The console's words in one of the Board's three languages: its own phrases first, then `licit`'s
/// vocabulary (statuses, reasons, document labels), so both say the same thing the same way.
struct Tongue: Sendable {
    let language: PrintLanguage

    static let cookie = "licit_lang"

    func callAsFunction(_ text: String) -> String {
        switch self.language {
        case .en: text
        case .fr: ConsoleWords.table[text]?.french ?? self.language(text)
        case .es: ConsoleWords.table[text]?.spanish ?? self.language(text)
        }
    }

    func status(_ code: String) -> String { self.language.status(code) }

    func reason(_ code: String) -> String? { self.language.reason(code) }
}
