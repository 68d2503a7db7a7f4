import Foundation
import LicitModel

/// How an issued document's content is written down: the exact bytes the exchange seals and
/// stores, and every copy of the document carries. The encoding is the protocol's, which the
/// exchange does not know; the protocol layer supplies it.
public protocol DocumentContentCodec: Sendable {
    /// An IA's content; `importerID` and `exporterID` name registered traders (empty: inline).
    func content(of ia: ImportAuthorization, importerID: String, exporterID: String) throws -> Data
    /// An EA's content, with the traders its IA names (or an emergency export states).
    func content(of ea: ExportAuthorization, exporter: Trader?, importer: Trader?, issuedOn: Day?) throws -> Data
    /// A draft's stored content, as the input it is issued from.
    func importInput(fromDraft content: Data) throws -> ImportAuthorizationInput
}
