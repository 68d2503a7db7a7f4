import Foundation
import LicitModel

/// How an issued document's content is written down: the exact bytes the exchange seals and
/// stores, and every copy of the document carries. The encoding is the protocol's, which the
/// exchange does not know; the protocol layer supplies it.
public protocol DocumentContentCodec: Sendable {
    /// An IA's content, its traders named by their registered ids where they have one; `signer`
    /// the account that issued it (empty for a draft, a preview or a paper document).
    func content(of ia: ImportAuthorization, signer: String) throws -> Data
    /// An EA's content, with its traders and the consignment's route; `signer` as for an IA.
    func content(
        of ea: ExportAuthorization,
        exporter: Trader?,
        importer: Trader?,
        issuedOn: Day?,
        route: ConsignmentRoute,
        signer: String
    ) throws -> Data
    /// A draft's stored content, as the input it is issued from.
    func importInput(fromDraft content: Data) throws -> ImportAuthorizationInput
}
