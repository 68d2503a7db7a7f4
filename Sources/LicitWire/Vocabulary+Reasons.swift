/// Every reason the exchange answers a call with, named in English, French and Spanish: served by
/// `GetReference` as its vocabulary and used by `licit` to explain a refusal. From the reason
/// catalogue (`Proto/reasons.json`).
extension Vocabulary {
    public static let reasons: [String: Names] = ReasonCatalogue.byReason.mapValues(\.names)
}
