import Foundation
import LicitWire

/// The documents every probe writes: codeine phosphate hemihydrate (0.7367 codeine base), from
/// the sandbox's traders, valid from today.
enum SampleDocuments {
    static let form = "CODEINE-PHOSPHATE-HEMIHYDRATE"

    /// An IA of `importer`'s CNA, importing `tradedMg` from `exportingCountry`'s India Pharma Ltd.
    static func importAuthorization(
        number: String,
        importer: String,
        from exportingCountry: String = "IN",
        tradedMg: Int64 = 1_000
    ) -> Licit_V1_ImportAuthorizationContent {
        .with {
            $0.number = number
            $0.exportingCountry = exportingCountry
            $0.importer.id = importer
            $0.exporter = .with {
                $0.name = "India Pharma Ltd"
                $0.address = "Mumbai"
            }
            $0.lines = [
                .with {
                    $0.form = Self.form; $0.tradedMg = tradedMg
                }
            ]
            $0.period = .with {
                $0.first = Self.day(0)
                $0.last = Self.day(60)
            }
        }
    }

    /// An EA against the IA `authority`/`iaNumber` issued on `issuedOn`.
    static func exportAuthorization(
        number: String,
        against iaNumber: String,
        of authority: String,
        issuedOn: String,
        tradedMg: Int64 = 1_000
    ) -> Licit_V1_ExportAuthorizationContent {
        .with {
            $0.number = number
            $0.importAuthorization = .with {
                $0.number = iaNumber
                $0.authority = authority
                $0.issuedOn = issuedOn
            }
            $0.lines = [
                .with {
                    $0.form = Self.form; $0.tradedMg = tradedMg
                }
            ]
            $0.period = .with {
                $0.first = Self.day(0)
                $0.last = Self.day(30)
            }
        }
    }

    /// Today plus `offset` days, as the wire writes a day.
    static func day(_ offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }
}
