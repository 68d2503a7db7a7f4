import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// Conversions between the wire's messages and the model's values. Input is checked here:
/// a malformed field is INVALID_ARGUMENT naming the field.
enum WireModel {
    static func day(_ text: String, field: String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw ExchangeError("invalid_date", "\(field) must be a date as YYYY-MM-DD, not \"\(text)\"")
        }
        return day
    }

    static func period(_ period: Licit_V1_Period, field: String = "period") throws -> Period {
        let first = try Self.day(period.first, field: "\(field).first")
        let last = try Self.day(period.last, field: "\(field).last")
        guard let period = Period(from: first, through: last) else {
            throw ExchangeError("invalid_period", "\(field) ends (\(last)) before it begins (\(first))")
        }
        return period
    }

    static func number(_ number: String, field: String = "number") throws -> String {
        guard (1...64).contains(number.utf8.count),
            number.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f })
        else {
            throw ExchangeError(
                "invalid_number",
                "\(field) must be 1 to 64 printable ASCII characters without spaces"
            )
        }
        return number
    }

    static func text(_ text: String, field: String, max: Int = 512, required: Bool = true) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw ExchangeError("missing_field", "\(field) is required") }
        guard trimmed.utf8.count <= max else {
            throw ExchangeError("field_too_long", "\(field) is longer than \(max) bytes")
        }
        return trimmed
    }

    /// Lines as traded, converted to base with the factor in force on `day`.
    static func lines(
        _ lines: [Licit_V1_Line],
        catalogue: Catalogue,
        on day: Day
    ) throws -> [AuthorizationLine] {
        guard (1...32).contains(lines.count) else {
            throw ExchangeError("invalid_lines", "a document has 1 to 32 lines")
        }
        return try lines.enumerated().map { index, line in
            guard let substance = catalogue.substance(ofForm: line.form) else {
                throw ExchangeError(
                    "unknown_form",
                    "line \(index + 1): no substance in the catalogue has the form \"\(line.form)\"",
                    facts: ["line": .number(index + 1), "form": .text(line.form)]
                )
            }
            do {
                return try AuthorizationLine.converting(
                    Quantity(milligrams: line.tradedMg),
                    of: line.form,
                    of: substance,
                    on: day
                )
            } catch let problem as ExchangeError {
                throw problem.prefixed("line \(index + 1): ")
            }
        }
    }

    static func line(_ line: AuthorizationLine) -> Licit_V1_Line {
        .with {
            $0.substance = line.substance
            $0.form = line.form
            $0.tradedMg = line.traded.milligrams
            $0.baseMg = line.base.milligrams
        }
    }

    static func trader(_ trader: Trader, id: String = "", authority: String = "") -> Licit_V1_Trader {
        .with {
            $0.id = id
            $0.name = trader.name
            $0.address = trader.address
            $0.country = trader.country
            $0.authority = authority
        }
    }

    static func wirePeriod(_ period: Period) -> Licit_V1_Period {
        .with {
            $0.first = period.first.description
            $0.last = period.last.description
        }
    }

    static func kind(_ kind: DocumentKind) -> Licit_V1_DocumentKind {
        kind == .importAuthorization ? .importAuthorization : .exportAuthorization
    }

    /// The content message of an IA, as sealed when issued.
    static func content(
        _ ia: ImportAuthorization,
        importerID: String,
        exporterID: String
    ) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = ia.number
            $0.authority = ia.authority
            $0.importingCountry = ia.importingCountry
            $0.exportingCountry = ia.exportingCountry
            $0.importer = Self.trader(ia.importer, id: importerID)
            $0.exporter = Self.trader(ia.exporter, id: exporterID)
            $0.lines = ia.lines.map(Self.line)
            $0.period = Self.wirePeriod(ia.period)
            $0.multipleConsignments = ia.consignments == .multiple
            $0.port = ia.port ?? ""
            $0.bondedWarehouseApproved = ia.bondedWarehouseApproved
            $0.supersedes = ia.supersedes ?? ""
            $0.issuedOn = ia.issuedOn?.description ?? ""
        }
    }

    static func content(
        _ ea: ExportAuthorization,
        exporter: Trader?,
        importer: Trader?,
        issuedOn: Day?
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = ea.number
            $0.authority = ea.authority
            $0.exportingCountry = ea.exportingCountry
            $0.importingCountry = ea.importingCountry
            if let citation = ea.importAuthorization {
                $0.importAuthorization = .with {
                    $0.number = citation.number
                    $0.issuedOn = citation.issuedOn.description
                    $0.authority = citation.authority
                }
            }
            $0.lines = ea.lines.map(Self.line)
            $0.period = Self.wirePeriod(ea.period)
            $0.toBondedWarehouse = ea.toBondedWarehouse
            if let exporter { $0.exporter = Self.trader(exporter) }
            if let importer { $0.importer = Self.trader(importer) }
            $0.issuedOn = issuedOn?.description ?? ""
            $0.emergency = ea.isEmergency
        }
    }

    /// A stored document as the wire shows it, with its status as of `day`.
    static func document(_ stored: StoredDocument, on day: Day) -> Licit_V1_Document {
        .with {
            $0.kind = Self.kind(stored.kind)
            $0.content = stored.content
            $0.seal = stored.seal
            $0.state = Self.state(stored, on: day)
        }
    }

    static func state(_ stored: StoredDocument, on day: Day) -> Licit_V1_DocumentState {
        var state = Licit_V1_DocumentState()
        state.status = stored.body.status
        let notes = stored.annotations
        state.overrideJustification = notes.overrideJustification
        state.emergencyJustification = notes.emergencyJustification
        state.paper = notes.isPaper
        state.recordedBy = notes.recordedBy
        state.scanSha256 = notes.scanSHA256
        state.counterpartAuthority = notes.counterpartAuthority
        state.endorsementScanSha256 = notes.endorsementScanSHA256 ?? ""
        state.endorsedOn = notes.endorsedOn?.description ?? ""
        state.committedMg = notes.exports?.committed ?? []
        switch stored.body {
        case .importAuthorization(let ia):
            state.cancellationReason = ia.cancellationReason ?? ""
            state.supersededBy = ia.supersededBy ?? ""
        case .exportAuthorization(let ea):
            state.cancellationReason = ea.cancellationReason ?? ""
            state.exportedMg = ea.exported?.map(\.milligrams) ?? []
            state.importedMg = ea.imported?.map(\.milligrams) ?? []
            state.endorsementOverdue = ea.endorsementOverdue(on: day)
        }
        return state
    }

    static func balance(
        _ key: UsageKey,
        usage: Usage,
        allowance: Allowance?,
        convention: Convention?
    ) -> Licit_V1_Balance {
        let balance = LicitModel.Balance(
            country: key.country,
            substance: key.substance,
            year: key.year,
            limit: allowance?.total,
            authorizedNotUsed: Quantity(milligrams: usage.authorizedNotUsed),
            imported: Quantity(milligrams: usage.imported)
        )
        return .with {
            $0.country = key.country
            $0.substance = key.substance
            $0.year = UInt32(key.year)
            $0.limited = balance.limit != nil
            $0.limitKind = balance.limit == nil ? "" : (convention == .psychotropic1971 ? "assessment" : "estimate")
            $0.limitMg = balance.limit?.milligrams ?? 0
            $0.authorizedNotUsedMg = usage.authorizedNotUsed
            $0.importedMg = usage.imported
            $0.remainingMg = balance.remaining?.milligrams ?? 0
        }
    }

    static func problem(_ problem: ExchangeError) -> Licit_V1_Problem {
        .with {
            $0.reason = problem.reason.code
            $0.message = problem.message
            $0.facts = problem.details
        }
    }
}
