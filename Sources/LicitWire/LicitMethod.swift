/// Fully qualified names of the methods of licit.v1.
public enum LicitMethod {
    /// The first call on every connection.
    public static let hello = "licit.v1.Session/Hello"
    /// Returns its payload; the cheapest call.
    public static let echo = "licit.v1.Session/Echo"

    public enum Documents {
        public static let validateImportAuthorization = "licit.v1.Documents/ValidateImportAuthorization"
        public static let draftImportAuthorization = "licit.v1.Documents/DraftImportAuthorization"
        public static let issueImportAuthorization = "licit.v1.Documents/IssueImportAuthorization"
        public static let amendImportAuthorization = "licit.v1.Documents/AmendImportAuthorization"
        public static let validateExportAuthorization = "licit.v1.Documents/ValidateExportAuthorization"
        public static let issueExportAuthorization = "licit.v1.Documents/IssueExportAuthorization"
        public static let recordExported = "licit.v1.Documents/RecordExportedQuantity"
        public static let endorse = "licit.v1.Documents/Endorse"
        public static let cancel = "licit.v1.Documents/Cancel"
        public static let recordPaperDocument = "licit.v1.Documents/RecordPaperDocument"
        public static let getDocument = "licit.v1.Documents/GetDocument"
        public static let listDocuments = "licit.v1.Documents/ListDocuments"
        public static let getHistory = "licit.v1.Documents/GetHistory"
        public static let getBalances = "licit.v1.Documents/GetBalances"
        public static let getSealKey = "licit.v1.Documents/GetSealKey"
        public static let getScan = "licit.v1.Documents/GetScan"
    }

    public enum Reference {
        public static let getReference = "licit.v1.Reference/GetReference"
        public static let importReference = "licit.v1.Reference/ImportReference"
        public static let registerTrader = "licit.v1.Reference/RegisterTrader"
        public static let listAccounts = "licit.v1.Reference/ListAccounts"
        public static let revokeCertificate = "licit.v1.Reference/RevokeCertificate"
        public static let enrollAccount = "licit.v1.Reference/EnrollAccount"
        public static let approveAccount = "licit.v1.Reference/ApproveAccount"
    }

    public enum Board {
        public static let tradeFlows = "licit.v1.Board/TradeFlows"
        public static let listOversight = "licit.v1.Board/ListOversight"
        public static let estimateWatch = "licit.v1.Board/EstimateWatch"
        public static let paperPartners = "licit.v1.Board/PaperPartners"
        public static let getReturn = "licit.v1.Board/GetReturn"
        public static let getCallCounters = "licit.v1.Board/GetCallCounters"
        public static let listAudit = "licit.v1.Board/ListAudit"
        public static let getAuditCheckpoint = "licit.v1.Board/GetAuditCheckpoint"
        public static let deliverAuditCheckpoint = "licit.v1.Board/DeliverAuditCheckpoint"
    }

    public enum Estimates {
        public static let requestSupplementary = "licit.v1.Estimates/RequestSupplementary"
        public static let decide = "licit.v1.Estimates/Decide"
        public static let list = "licit.v1.Estimates/List"
        public static let submitAnnual = "licit.v1.Estimates/SubmitAnnual"
        public static let decideAnnual = "licit.v1.Estimates/DecideAnnual"
        public static let listAnnual = "licit.v1.Estimates/ListAnnual"
    }

    public enum Returns {
        public static let save = "licit.v1.Returns/Save"
        public static let decide = "licit.v1.Returns/Decide"
        public static let list = "licit.v1.Returns/List"
    }

    public enum Notifications {
        public static let register = "licit.v1.Notifications/Register"
        public static let list = "licit.v1.Notifications/List"
        public static let remove = "licit.v1.Notifications/Remove"
    }

    public enum Sandbox {
        public static let getClock = "licit.v1.Sandbox/GetClock"
        public static let setClock = "licit.v1.Sandbox/SetClock"
    }

    public enum Inbox {
        public static let subscribe = "licit.v1.Inbox/Subscribe"
        public static let listEvents = "licit.v1.Inbox/ListEvents"
        public static let acknowledge = "licit.v1.Inbox/Acknowledge"
    }

    /// Every method of the exchange: the catalogue the access matrix is generated from.
    public static let all: [String] = [
        hello,
        echo,
        Documents.validateImportAuthorization,
        Documents.draftImportAuthorization,
        Documents.issueImportAuthorization,
        Documents.amendImportAuthorization,
        Documents.validateExportAuthorization,
        Documents.issueExportAuthorization,
        Documents.recordExported,
        Documents.endorse,
        Documents.cancel,
        Documents.recordPaperDocument,
        Documents.getDocument,
        Documents.listDocuments,
        Documents.getHistory,
        Documents.getBalances,
        Documents.getSealKey,
        Documents.getScan,
        Reference.getReference,
        Reference.importReference,
        Reference.registerTrader,
        Reference.listAccounts,
        Reference.revokeCertificate,
        Reference.enrollAccount,
        Reference.approveAccount,
        Estimates.requestSupplementary,
        Estimates.decide,
        Estimates.list,
        Estimates.submitAnnual,
        Estimates.decideAnnual,
        Estimates.listAnnual,
        Returns.save,
        Returns.decide,
        Returns.list,
        Notifications.register,
        Notifications.list,
        Notifications.remove,
        Board.tradeFlows,
        Board.listOversight,
        Board.estimateWatch,
        Board.paperPartners,
        Board.getReturn,
        Board.getCallCounters,
        Board.listAudit,
        Board.getAuditCheckpoint,
        Board.deliverAuditCheckpoint,
        Sandbox.getClock,
        Sandbox.setClock,
        Inbox.subscribe,
        Inbox.listEvents,
        Inbox.acknowledge,
    ]

    /// The methods that answer with a stream of events rather than one response.
    public static let streaming: Set<String> = [Inbox.subscribe]
}
