/// One step of a simulated history, as data: the choices are made when the history is
/// generated, and the documents and accounts a step acts on are picked by index among those
/// that exist when it runs (modulo their number). A step that finds nothing to act on does
/// nothing, so that any subsequence of a history is a history too, which shrinking needs.
enum HistoryStep: Hashable, Sendable, CustomStringConvertible {
    /// How a new IA reaches the exchange.
    enum Route: Hashable, Sendable {
        case direct
        /// ValidateImportAuthorization, then the same content issued.
        case validated
        /// An officer's draft, issued by number by a signer.
        case drafted
    }

    /// An IA of `importer` (index into the world's CNAs) for `kilograms` of a substance, from
    /// `exporter` (a country; the last index is the paper partner). `reuseNumber` takes a number
    /// already used: a mistake the exchange must refuse as `duplicate_number`.
    case issueImport(
        importer: Int,
        exporter: Int,
        substance: Int,
        kilograms: Int,
        multiple: Bool,
        days: Int,
        route: Route,
        reuseNumber: Bool
    )
    /// An EA against the `ia`-th IA issued, for `percent` of what remains of it (over 100: too much).
    case issueExport(ia: Int, percent: Int, days: Int, validated: Bool, wrongExporter: Bool)
    /// An export without an IA (WHO/INCB simplified procedure), justified or not.
    case emergencyExport(exporter: Int, importer: Int, substance: Int, kilograms: Int, justified: Bool, validated: Bool)
    /// A short export: `percent` of the EA's quantity actually exported.
    case recordExported(ea: Int, percent: Int)
    /// The importing CNA endorses `percent` of what was exported (over 100: too much); or another CNA tries.
    case endorse(ea: Int, percent: Int, wrongAuthority: Bool)
    /// An amendment of an IA to `percent` of its quantity.
    case amendImport(ia: Int, percent: Int)
    case cancel(document: Int)
    /// An exporting CNA records a paper IA from the paper partner.
    case paperImport(exporter: Int, substance: Int, kilograms: Int)
    /// An importing CNA records a paper EA from the paper partner against its IA.
    case paperExport(ia: Int, percent: Int)
    /// The Board confirms a supplementary estimate, or revises the initial one.
    case estimate(country: Int, substance: Int, kilograms: Int, supplementary: Bool)
    case enroll(serial: Int)
    case revoke(account: Int)
    case advanceClock(days: Int)
    case sweep
    case restart
    /// An acknowledged write sent again with the same request id (a client that lost the answer).
    case replay(write: Int, afterRestart: Bool)
    /// A request id used again for another payload, or for another method.
    case reuseRequestID(write: Int, otherMethod: Bool)
    /// A read by any account: a document, its history, a list, balances, its inbox.
    case read(account: Int, kind: Int, document: Int)
    /// A document the reader may not see, and one that does not exist, asked for alike.
    case probeHidden(account: Int, document: Int, method: Int)
    /// A second daemon started on the same database.
    case secondDaemon
    /// A copy of the database changed in one place behind the exchange's back.
    case tamper(seed: UInt64)

    var description: String {
        switch self {
        case .issueImport(
            let importer,
            let exporter,
            let substance,
            let kilograms,
            let multiple,
            let days,
            let route,
            let reuse
        ):
            "issueImport(importer: \(importer), exporter: \(exporter), substance: \(substance), kg: \(kilograms), multiple: \(multiple), days: \(days), \(route)\(reuse ? ", reusing a number" : ""))"
        case .issueExport(let ia, let percent, let days, let validated, let wrong):
            "issueExport(ia: \(ia), \(percent)% of what remains, days: \(days)\(validated ? ", validated" : "")\(wrong ? ", by the wrong country" : ""))"
        case .emergencyExport(let exporter, let importer, let substance, let kilograms, let justified, let validated):
            "emergencyExport(exporter: \(exporter), importer: \(importer), substance: \(substance), kg: \(kilograms)\(justified ? ", justified" : "")\(validated ? ", validated" : ""))"
        case .recordExported(let ea, let percent): "recordExported(ea: \(ea), \(percent)%)"
        case .endorse(let ea, let percent, let wrong):
            "endorse(ea: \(ea), \(percent)%\(wrong ? ", by another CNA" : ""))"
        case .amendImport(let ia, let percent): "amendImport(ia: \(ia), to \(percent)%)"
        case .cancel(let document): "cancel(document: \(document))"
        case .paperImport(let exporter, let substance, let kilograms):
            "paperImport(exporter: \(exporter), substance: \(substance), kg: \(kilograms))"
        case .paperExport(let ia, let percent): "paperExport(ia: \(ia), \(percent)%)"
        case .estimate(let country, let substance, let kilograms, let supplementary):
            "estimate(country: \(country), substance: \(substance), kg: \(kilograms), \(supplementary ? "supplementary" : "revised"))"
        case .enroll(let serial): "enroll(\(serial))"
        case .revoke(let account): "revoke(account: \(account))"
        case .advanceClock(let days): "advanceClock(days: \(days))"
        case .sweep: "sweep"
        case .restart: "restart"
        case .replay(let write, let afterRestart): "replay(write: \(write)\(afterRestart ? ", after a restart" : ""))"
        case .reuseRequestID(let write, let other):
            "reuseRequestID(write: \(write), \(other ? "another method" : "another payload"))"
        case .read(let account, let kind, let document):
            "read(account: \(account), kind: \(kind), document: \(document))"
        case .probeHidden(let account, let document, let method):
            "probeHidden(account: \(account), document: \(document), method: \(method))"
        case .secondDaemon: "secondDaemon"
        case .tamper(let seed): "tamper(\(seed))"
        }
    }

    /// A history of `count` steps chosen by `random`.
    static func history(_ count: Int, _ random: inout SimulationRandom) -> [HistoryStep] {
        (0..<count).map { _ in Self.random(&random) }
    }

    static func random(_ r: inout SimulationRandom) -> HistoryStep {
        let pick: Int = r.pick([
            (14, 0), (14, 1), (3, 2), (5, 3), (8, 4), (4, 5), (4, 6), (2, 7), (2, 8), (3, 9), (1, 10), (1, 11),
            (3, 12), (2, 13), (2, 14), (4, 15), (3, 16), (14, 17), (4, 18), (1, 19), (1, 20),
        ])
        switch pick {
        case 0:
            let route: Route = r.pick([(3, .direct), (2, .validated), (1, .drafted)])
            return .issueImport(
                importer: r.int(0...3),
                exporter: r.int(0...3),
                substance: r.int(0...2),
                kilograms: r.int(1...40),
                multiple: r.chance(70),
                days: r.int(5...120),
                route: route,
                reuseNumber: r.chance(5)
            )
        case 1:
            return .issueExport(
                ia: r.int(0...999),
                percent: r.pick([(6, r.int(10...100)), (1, r.int(101...200))]),
                days: r.int(1...60),
                validated: r.chance(50),
                wrongExporter: r.chance(5)
            )
        case 2:
            return .emergencyExport(
                exporter: r.int(0...3),
                importer: r.int(0...3),
                substance: r.int(0...2),
                kilograms: r.int(1...20),
                justified: r.chance(85),
                validated: r.chance(50)
            )
        case 3: return .recordExported(ea: r.int(0...999), percent: r.int(0...100))
        case 4:
            return .endorse(
                ea: r.int(0...999),
                percent: r.pick([(8, r.int(0...100)), (1, r.int(101...150))]),
                wrongAuthority: r.chance(5)
            )
        case 5: return .amendImport(ia: r.int(0...999), percent: r.int(40...200))
        case 6: return .cancel(document: r.int(0...999))
        case 7: return .paperImport(exporter: r.int(0...3), substance: r.int(0...2), kilograms: r.int(1...20))
        case 8: return .paperExport(ia: r.int(0...999), percent: r.int(10...100))
        case 9:
            return .estimate(
                country: r.int(0...3),
                substance: r.int(0...2),
                kilograms: r.int(1...150),
                supplementary: r.chance(60)
            )
        case 10: return .enroll(serial: r.int(0...999))
        case 11: return .revoke(account: r.int(0...999))
        case 12: return .advanceClock(days: r.int(1...40))
        case 13: return .sweep
        case 14: return .restart
        case 15: return .replay(write: r.int(0...9999), afterRestart: r.chance(20))
        case 16: return .reuseRequestID(write: r.int(0...9999), otherMethod: r.chance(40))
        case 17: return .read(account: r.int(0...999), kind: r.int(0...6), document: r.int(0...999))
        case 18: return .probeHidden(account: r.int(0...999), document: r.int(0...999), method: r.int(0...5))
        case 19: return .secondDaemon
        default: return .tamper(seed: r.next())
        }
    }
}
