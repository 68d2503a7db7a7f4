import Foundation
import LicitModel
import LicitTestSupport
import LicitWire

/// The request fuzzer's seed corpus: a valid request for every method, as a caller allowed to
/// make it, against the world's documents (``WorldDocuments``); and a few variants that end the
/// call in each other way. `Fuzz/Corpus/fuzz-requests/` holds them as files, one per seed.
public enum RequestSeeds {
    public struct Seed: Sendable {
        /// The file name, without extension: `Service.Method` and the variant.
        public let name: String
        public let input: RequestInput
    }

    public static var all: [Seed] {
        let day = Day(FuzzWorld.start)
        let year = UInt32(day.year)
        var seeds: [Seed] = []

        func add(
            _ method: String,
            _ account: String,
            _ message: some SwiftProtobufMessage,
            variant: String = "",
            requestID: RequestInput.RequestID? = nil,
            ending: RequestInput.Ending = .answer,
            skipHello: Bool = false,
            repeatRequest: Bool = false
        ) {
            let isWrite = RequestCatalogue.writes.contains(method)
            let service = method.split(separator: ".").last!.replacingOccurrences(of: "/", with: ".")
            seeds.append(
                Seed(
                    name: service + (variant.isEmpty ? "" : "-\(variant)"),
                    input: RequestInput(
                        account: account,
                        method: method,
                        payload: try! message.serializedData(),
                        requestID: requestID ?? (isWrite ? .fresh : .none),
                        ending: ending,
                        skipHello: skipHello,
                        repeatRequest: repeatRequest
                    )
                )
            )
        }

        typealias Documents = LicitMethod.Documents
        let fr = "fr-signer"
        let importRequest = { (number: String, kilograms: Int64) in
            Licit_V1_ImportAuthorizationRequest.with {
                $0.content = TestWorld.morphineImport(number, on: day, kilograms: kilograms)
            }
        }
        let exportRequest = { (number: String, kilograms: Int64) in
            Licit_V1_ExportAuthorizationRequest.with {
                $0.content = WorldDocuments.export(number, against: "FR-IA-1", kilograms: kilograms, on: day)
            }
        }
        let frIA1 = Licit_V1_DocumentRef.with {
            $0.authority = TestWorld.importer
            $0.number = "FR-IA-1"
        }

        add(
            LicitMethod.hello,
            fr,
            Licit_V1_HelloRequest.with {
                $0.protocolVersion = 1
                $0.clientName = "licit-fuzz"
            }
        )
        add(LicitMethod.echo, fr, Licit_V1_EchoRequest.with { $0.data = Data("ping".utf8) })
        add(
            LicitMethod.echo,
            fr,
            Licit_V1_EchoRequest.with { $0.data = Data("ping".utf8) },
            variant: "no-hello",
            skipHello: true
        )
        add(
            LicitMethod.echo,
            fr,
            Licit_V1_EchoRequest.with { $0.data = Data("ping".utf8) },
            variant: "bad-request-id",
            requestID: .malformed
        )

        add(Documents.validateImportAuthorization, "fr-officer", importRequest("FR-IA-V1", 10))
        add(Documents.draftImportAuthorization, "fr-officer", importRequest("FR-DRAFT-2", 1))
        add(Documents.issueImportAuthorization, fr, importRequest("FR-IA-3", 1))
        add(Documents.issueImportAuthorization, fr, importRequest("FR-IA-4", 1), variant: "repeat", repeatRequest: true)
        add(
            Documents.issueImportAuthorization,
            fr,
            importRequest("FR-IA-5", 1),
            variant: "cancelled",
            ending: .cancel
        )
        add(
            Documents.issueImportAuthorization,
            fr,
            Licit_V1_ImportAuthorizationRequest.with { $0.draftNumber = "FR-DRAFT-1" },
            variant: "from-draft"
        )
        add(
            Documents.issueImportAuthorization,
            "fr-viewer",
            importRequest("FR-IA-6", 1),
            variant: "role-denied"
        )
        add(
            Documents.amendImportAuthorization,
            fr,
            Licit_V1_ImportAuthorizationRequest.with {
                $0.content = TestWorld.morphineImport("FR-IA-2A", on: day, kilograms: 6, form: "CODEINE")
                $0.content.supersedes = "FR-IA-2"
            }
        )
        add(Documents.validateExportAuthorization, "in-signer", exportRequest("IN-EA-V1", 2))
        add(Documents.issueExportAuthorization, "in-signer", exportRequest("IN-EA-2", 2))
        add(
            Documents.recordExported,
            "in-signer",
            Licit_V1_RecordExportedRequest.with {
                $0.number = "IN-EA-3"
                $0.exportedMg = [2_500_000]
            }
        )
        add(
            Documents.endorse,
            fr,
            Licit_V1_EndorseRequest.with {
                $0.exportAuthorization = .with {
                    $0.authority = TestWorld.exporter
                    $0.number = "IN-EA-1"
                }
                $0.importedMg = [3_500_000]
            }
        )
        add(
            Documents.cancel,
            fr,
            Licit_V1_CancelRequest.with {
                $0.number = "FR-DRAFT-1"
                $0.reason = "no longer needed"
            }
        )
        add(
            Documents.recordPaperDocument,
            fr,
            Licit_V1_PaperDocumentRequest.with {
                var citing = WorldDocuments.nepalImport("FR-IA-NP", on: day)
                citing.issuedOn = day.description
                citing.authority = TestWorld.importer
                var content = TestWorld.export("NP-EA-1", against: citing, kilograms: 1, on: day)
                content.authority = "NP-DDA"
                content.exportingCountry = "NP"
                content.importingCountry = "FR"
                content.issuedOn = day.description
                $0.exportAuthorization = content
                $0.scan = Data("%PDF-1.4 scanned export authorization".utf8)
                $0.scanMediaType = "application/pdf"
            }
        )
        add(Documents.getDocument, fr, frIA1)
        add(Documents.getDocument, "de-signer", frIA1, variant: "out-of-scope")
        add(Documents.listDocuments, fr, Licit_V1_ListDocumentsRequest.with { $0.pageSize = 10 })
        add(Documents.getHistory, "board-observer", frIA1)
        add(
            Documents.getBalances,
            fr,
            Licit_V1_BalancesRequest.with {
                $0.country = "FR"
                $0.year = year
            }
        )
        add(Documents.getSealKey, "fr-viewer", Licit_V1_EchoRequest())
        add(
            Documents.getScan,
            fr,
            Licit_V1_ScanRequest.with {
                $0.document = .with {
                    $0.authority = "NP-DDA"
                    $0.number = "NP-EA-1"
                }
            }
        )

        typealias Reference = LicitMethod.Reference
        add(Reference.getReference, "in-signer", Licit_V1_GetReferenceRequest.with { $0.country = "IN" })
        add(
            Reference.importReference,
            "board-admin",
            Licit_V1_ReferenceData.with {
                $0.countries = [
                    .with {
                        $0.code = "BT"
                        $0.name = "Bhutan"
                    }
                ]
                $0.allowances = [
                    .with {
                        $0.country = "BT"
                        $0.substance = "MORPHINE"
                        $0.year = year
                        $0.initialMg = 1_000_000
                    }
                ]
            }
        )
        add(
            Reference.registerTrader,
            fr,
            Licit_V1_RegisterTraderRequest.with {
                $0.trader = .with {
                    $0.name = "Laboratoires du Rhône"
                    $0.address = "2 quai Perrache, Lyon"
                }
            }
        )
        add(Reference.listAccounts, "fr-admin", Licit_V1_ListAccountsRequest())
        add(
            Reference.revokeCertificate,
            "fr-admin",
            Licit_V1_RevokeCertificateRequest.with {
                $0.fingerprint = FuzzAccounts.named("fr-viewer").certificateFingerprint
                $0.reason = "laptop lost"
            }
        )
        add(
            Reference.enrollAccount,
            "board-admin",
            Licit_V1_EnrollAccountRequest.with {
                $0.name = "fr-officer-2"
                $0.role = .officer
                $0.authority = TestWorld.importer
                $0.certificateRequest = Data([0x30, 0x82, 0x01, 0x0a, 0x30, 0x81, 0xb2, 0x02, 0x01, 0x00])
            }
        )
        add(
            LicitMethod.Estimates.requestSupplementary,
            fr,
            Licit_V1_RequestSupplementaryRequest.with {
                $0.substance = "MORPHINE"
                $0.quantityMg = 2_000_000
                $0.justification = "a new palliative care unit"
            }
        )
        add(
            LicitMethod.Estimates.decide,
            "board-admin",
            Licit_V1_DecideSupplementaryRequest.with {
                $0.id = "FR-\(year)-1"
                $0.confirmedMg = 1_000_000
                $0.reason = "consumption supports 1 kg"
            }
        )
        add(LicitMethod.Estimates.list, "board-observer", Licit_V1_ListSupplementaryRequest.with { $0.country = "FR" })
        add(
            LicitMethod.Estimates.submitAnnual,
            fr,
            Licit_V1_SubmitAnnualRequest.with {
                $0.lines = [
                    .with {
                        $0.substance = "MORPHINE"
                        $0.purpose = "consumption"
                        $0.quantityMg = 300_000_000
                    }
                ]
            }
        )
        add(
            LicitMethod.Estimates.decideAnnual,
            "board-admin",
            Licit_V1_DecideAnnualRequest.with {
                $0.country = "FR"
                $0.year = year + 1
                $0.confirm = true
            }
        )
        add(LicitMethod.Estimates.listAnnual, fr, Licit_V1_ListAnnualRequest())
        add(
            LicitMethod.Returns.save,
            fr,
            Licit_V1_SaveReturnRequest.with {
                $0.form = "C"
                $0.year = year
                $0.figures = [
                    .with {
                        $0.substance = "MORPHINE"
                        $0.item = "consumption"
                        $0.quantityMg = 1_500_000
                    }
                ]
                $0.submit = true
            }
        )
        add(
            LicitMethod.Returns.decide,
            "board-admin",
            Licit_V1_DecideReturnRequest.with {
                $0.country = "FR"
                $0.form = "C"
                $0.year = year
                $0.accept = true
            }
        )
        add(LicitMethod.Returns.list, "board-observer", Licit_V1_ListReturnsRequest())
        add(
            LicitMethod.Notifications.register,
            "fr-admin",
            Licit_V1_RegisterNotificationRequest.with {
                $0.channel = "webhook"
                $0.address = "https://licit.ansm.example/events"
                $0.secret = "a-shared-secret-of-32-characters"
                $0.kinds = ["ia_received", "ea_received"]
            }
        )
        add(LicitMethod.Notifications.list, "fr-admin", Licit_V1_ListNotificationsRequest())
        add(
            LicitMethod.Notifications.remove,
            "fr-admin",
            Licit_V1_RemoveNotificationRequest.with { $0.id = "FR-ANSM-1" }
        )
        add(
            Reference.approveAccount,
            "board-admin",
            Licit_V1_ApproveAccountRequest.with {
                $0.name = "fr-admin-2"
                $0.approve = true
            }
        )

        typealias Board = LicitMethod.Board
        add(Board.tradeFlows, "board-observer", Licit_V1_TradeFlowsRequest.with { $0.exportingCountry = "IN" })
        add(Board.listOversight, "board-admin", Licit_V1_OversightRequest.with { $0.kind = .overrides })
        add(
            Board.estimateWatch,
            "board-admin",
            Licit_V1_EstimateWatchRequest.with {
                $0.year = year
                $0.thresholdPercent = 5
            }
        )
        add(Board.paperPartners, "board-observer", Licit_V1_PaperPartnersRequest())
        add(
            Board.getReturn,
            fr,
            Licit_V1_ReturnRequest.with {
                $0.country = "FR"
                $0.form = "A/P"
                $0.year = year
                $0.quarter = 1
            }
        )
        add(Board.getCallCounters, "board-admin", Licit_V1_CallCountersRequest())
        add(Board.listAudit, "board-observer", Licit_V1_ListAuditRequest.with { $0.pageSize = 5 })
        add(Board.getAuditCheckpoint, "board-observer", Licit_V1_GetAuditCheckpointRequest())
        add(Board.deliverAuditCheckpoint, "board-admin", Licit_V1_DeliverAuditCheckpointRequest())

        add(LicitMethod.Sandbox.getClock, "board-admin", Licit_V1_GetClockRequest())
        add(LicitMethod.Sandbox.setClock, "board-admin", Licit_V1_SetClockRequest.with { $0.advanceSeconds = 3600 })

        typealias Inbox = LicitMethod.Inbox
        add(Inbox.subscribe, fr, Licit_V1_SubscribeRequest())
        add(Inbox.subscribe, "in-signer", Licit_V1_SubscribeRequest(), variant: "drained", ending: .drain)
        add(
            Inbox.subscribe,
            "board-observer",
            Licit_V1_SubscribeRequest.with { $0.fromCursor = true },
            variant: "deadline",
            ending: .deadline
        )
        add(Inbox.listEvents, "in-signer", Licit_V1_ListEventsRequest.with { $0.limit = 10 })
        add(Inbox.acknowledge, "in-signer", Licit_V1_AcknowledgeRequest.with { $0.throughSequence = 1 })

        add(
            RequestCatalogue.unknownMethod,
            fr,
            Licit_V1_EchoRequest.with { $0.data = Data("?".utf8) },
            variant: "unknown"
        )
        return seeds
    }
}
