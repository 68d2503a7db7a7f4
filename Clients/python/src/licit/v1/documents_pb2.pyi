from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
DOCUMENT_KIND_UNSPECIFIED: DocumentKind
EXPORT_AUTHORIZATION: DocumentKind
IMPORT_AUTHORIZATION: DocumentKind

class Balance(_message.Message):
    __slots__ = ["authorized_not_used_mg", "country", "imported_mg", "limit_kind", "limit_mg", "limited", "remaining_mg", "substance", "year"]
    AUTHORIZED_NOT_USED_MG_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    LIMITED_FIELD_NUMBER: _ClassVar[int]
    LIMIT_KIND_FIELD_NUMBER: _ClassVar[int]
    LIMIT_MG_FIELD_NUMBER: _ClassVar[int]
    REMAINING_MG_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    authorized_not_used_mg: int
    country: str
    imported_mg: int
    limit_kind: str
    limit_mg: int
    limited: bool
    remaining_mg: int
    substance: str
    year: int
    def __init__(self, country: _Optional[str] = ..., substance: _Optional[str] = ..., year: _Optional[int] = ..., limit_kind: _Optional[str] = ..., limited: bool = ..., limit_mg: _Optional[int] = ..., authorized_not_used_mg: _Optional[int] = ..., imported_mg: _Optional[int] = ..., remaining_mg: _Optional[int] = ...) -> None: ...

class BalancesRequest(_message.Message):
    __slots__ = ["country", "substance", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    substance: str
    year: int
    def __init__(self, country: _Optional[str] = ..., year: _Optional[int] = ..., substance: _Optional[str] = ...) -> None: ...

class BalancesResponse(_message.Message):
    __slots__ = ["balances"]
    BALANCES_FIELD_NUMBER: _ClassVar[int]
    balances: _containers.RepeatedCompositeFieldContainer[Balance]
    def __init__(self, balances: _Optional[_Iterable[_Union[Balance, _Mapping]]] = ...) -> None: ...

class CancelRequest(_message.Message):
    __slots__ = ["authority", "number", "reason"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    authority: str
    number: str
    reason: str
    def __init__(self, number: _Optional[str] = ..., reason: _Optional[str] = ..., authority: _Optional[str] = ...) -> None: ...

class Citation(_message.Message):
    __slots__ = ["authority", "issued_on", "number"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    authority: str
    issued_on: str
    number: str
    def __init__(self, number: _Optional[str] = ..., issued_on: _Optional[str] = ..., authority: _Optional[str] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ["content", "kind", "seal", "state"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEAL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    kind: DocumentKind
    seal: bytes
    state: DocumentState
    def __init__(self, kind: _Optional[_Union[DocumentKind, str]] = ..., content: _Optional[bytes] = ..., seal: _Optional[bytes] = ..., state: _Optional[_Union[DocumentState, _Mapping]] = ...) -> None: ...

class DocumentRef(_message.Message):
    __slots__ = ["authority", "number"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    authority: str
    number: str
    def __init__(self, authority: _Optional[str] = ..., number: _Optional[str] = ...) -> None: ...

class DocumentResponse(_message.Message):
    __slots__ = ["document"]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    document: Document
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ...) -> None: ...

class DocumentState(_message.Message):
    __slots__ = ["cancellation_reason", "committed_mg", "counterpart_authority", "emergency_justification", "endorsed_on", "endorsement_overdue", "endorsement_scan_sha256", "exported_mg", "imported_mg", "override_justification", "paper", "recorded_by", "scan_sha256", "status", "superseded_by"]
    CANCELLATION_REASON_FIELD_NUMBER: _ClassVar[int]
    COMMITTED_MG_FIELD_NUMBER: _ClassVar[int]
    COUNTERPART_AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    EMERGENCY_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    ENDORSED_ON_FIELD_NUMBER: _ClassVar[int]
    ENDORSEMENT_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    ENDORSEMENT_SCAN_SHA256_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    PAPER_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    SCAN_SHA256_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDED_BY_FIELD_NUMBER: _ClassVar[int]
    cancellation_reason: str
    committed_mg: _containers.RepeatedScalarFieldContainer[int]
    counterpart_authority: str
    emergency_justification: str
    endorsed_on: str
    endorsement_overdue: bool
    endorsement_scan_sha256: str
    exported_mg: _containers.RepeatedScalarFieldContainer[int]
    imported_mg: _containers.RepeatedScalarFieldContainer[int]
    override_justification: str
    paper: bool
    recorded_by: str
    scan_sha256: str
    status: str
    superseded_by: str
    def __init__(self, status: _Optional[str] = ..., committed_mg: _Optional[_Iterable[int]] = ..., exported_mg: _Optional[_Iterable[int]] = ..., imported_mg: _Optional[_Iterable[int]] = ..., cancellation_reason: _Optional[str] = ..., superseded_by: _Optional[str] = ..., endorsed_on: _Optional[str] = ..., endorsement_overdue: bool = ..., override_justification: _Optional[str] = ..., paper: bool = ..., scan_sha256: _Optional[str] = ..., emergency_justification: _Optional[str] = ..., recorded_by: _Optional[str] = ..., counterpart_authority: _Optional[str] = ..., endorsement_scan_sha256: _Optional[str] = ...) -> None: ...

class EndorseRequest(_message.Message):
    __slots__ = ["export_authorization", "imported_mg", "scan", "scan_media_type"]
    EXPORT_AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    SCAN_MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    export_authorization: DocumentRef
    imported_mg: _containers.RepeatedScalarFieldContainer[int]
    scan: bytes
    scan_media_type: str
    def __init__(self, export_authorization: _Optional[_Union[DocumentRef, _Mapping]] = ..., imported_mg: _Optional[_Iterable[int]] = ..., scan: _Optional[bytes] = ..., scan_media_type: _Optional[str] = ...) -> None: ...

class ExportAuthorizationContent(_message.Message):
    __slots__ = ["authority", "carrier", "emergency", "exporter", "exporting_country", "import_authorization", "importer", "importing_country", "issued_on", "lines", "number", "period", "port_of_entry", "port_of_exit", "signed_by", "to_bonded_warehouse", "transit_countries"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    EMERGENCY_FIELD_NUMBER: _ClassVar[int]
    EXPORTER_FIELD_NUMBER: _ClassVar[int]
    EXPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IMPORTER_FIELD_NUMBER: _ClassVar[int]
    IMPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IMPORT_AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PORT_OF_ENTRY_FIELD_NUMBER: _ClassVar[int]
    PORT_OF_EXIT_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    TO_BONDED_WAREHOUSE_FIELD_NUMBER: _ClassVar[int]
    TRANSIT_COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    authority: str
    carrier: str
    emergency: bool
    exporter: Trader
    exporting_country: str
    import_authorization: Citation
    importer: Trader
    importing_country: str
    issued_on: str
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    number: str
    period: Period
    port_of_entry: str
    port_of_exit: str
    signed_by: str
    to_bonded_warehouse: bool
    transit_countries: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, number: _Optional[str] = ..., authority: _Optional[str] = ..., exporting_country: _Optional[str] = ..., importing_country: _Optional[str] = ..., import_authorization: _Optional[_Union[Citation, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., period: _Optional[_Union[Period, _Mapping]] = ..., to_bonded_warehouse: bool = ..., exporter: _Optional[_Union[Trader, _Mapping]] = ..., importer: _Optional[_Union[Trader, _Mapping]] = ..., issued_on: _Optional[str] = ..., emergency: bool = ..., port_of_exit: _Optional[str] = ..., port_of_entry: _Optional[str] = ..., transit_countries: _Optional[_Iterable[str]] = ..., carrier: _Optional[str] = ..., signed_by: _Optional[str] = ...) -> None: ...

class ExportAuthorizationRequest(_message.Message):
    __slots__ = ["content", "emergency_justification", "override_justification"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    EMERGENCY_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    content: ExportAuthorizationContent
    emergency_justification: str
    override_justification: str
    def __init__(self, content: _Optional[_Union[ExportAuthorizationContent, _Mapping]] = ..., override_justification: _Optional[str] = ..., emergency_justification: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ["action", "at_ms", "authority", "detail", "status"]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    action: str
    at_ms: int
    authority: str
    detail: str
    status: str
    def __init__(self, at_ms: _Optional[int] = ..., action: _Optional[str] = ..., status: _Optional[str] = ..., authority: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class HistoryResponse(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...

class ImportAuthorizationContent(_message.Message):
    __slots__ = ["authority", "bonded_warehouse_approved", "exporter", "exporting_country", "importer", "importing_country", "issued_on", "lines", "multiple_consignments", "number", "period", "port", "signed_by", "supersedes"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    BONDED_WAREHOUSE_APPROVED_FIELD_NUMBER: _ClassVar[int]
    EXPORTER_FIELD_NUMBER: _ClassVar[int]
    EXPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IMPORTER_FIELD_NUMBER: _ClassVar[int]
    IMPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    MULTIPLE_CONSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDES_FIELD_NUMBER: _ClassVar[int]
    authority: str
    bonded_warehouse_approved: bool
    exporter: Trader
    exporting_country: str
    importer: Trader
    importing_country: str
    issued_on: str
    lines: _containers.RepeatedCompositeFieldContainer[Line]
    multiple_consignments: bool
    number: str
    period: Period
    port: str
    signed_by: str
    supersedes: str
    def __init__(self, number: _Optional[str] = ..., authority: _Optional[str] = ..., importing_country: _Optional[str] = ..., exporting_country: _Optional[str] = ..., importer: _Optional[_Union[Trader, _Mapping]] = ..., exporter: _Optional[_Union[Trader, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[Line, _Mapping]]] = ..., period: _Optional[_Union[Period, _Mapping]] = ..., multiple_consignments: bool = ..., port: _Optional[str] = ..., bonded_warehouse_approved: bool = ..., supersedes: _Optional[str] = ..., issued_on: _Optional[str] = ..., signed_by: _Optional[str] = ...) -> None: ...

class ImportAuthorizationRequest(_message.Message):
    __slots__ = ["content", "draft_number", "override_justification"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DRAFT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    content: ImportAuthorizationContent
    draft_number: str
    override_justification: str
    def __init__(self, content: _Optional[_Union[ImportAuthorizationContent, _Mapping]] = ..., draft_number: _Optional[str] = ..., override_justification: _Optional[str] = ...) -> None: ...

class Line(_message.Message):
    __slots__ = ["base_mg", "form", "substance", "traded_mg"]
    BASE_MG_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    TRADED_MG_FIELD_NUMBER: _ClassVar[int]
    base_mg: int
    form: str
    substance: str
    traded_mg: int
    def __init__(self, substance: _Optional[str] = ..., form: _Optional[str] = ..., traded_mg: _Optional[int] = ..., base_mg: _Optional[int] = ...) -> None: ...

class ListDocumentsRequest(_message.Message):
    __slots__ = ["authority", "counterpart_country", "issued_from", "issued_to", "kind", "page_size", "page_token", "status", "substance"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    COUNTERPART_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FROM_FIELD_NUMBER: _ClassVar[int]
    ISSUED_TO_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    authority: str
    counterpart_country: str
    issued_from: str
    issued_to: str
    kind: DocumentKind
    page_size: int
    page_token: str
    status: str
    substance: str
    def __init__(self, kind: _Optional[_Union[DocumentKind, str]] = ..., counterpart_country: _Optional[str] = ..., substance: _Optional[str] = ..., status: _Optional[str] = ..., issued_from: _Optional[str] = ..., issued_to: _Optional[str] = ..., authority: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDocumentsResponse(_message.Message):
    __slots__ = ["documents", "next_page_token"]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[Document]
    next_page_token: str
    def __init__(self, documents: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PaperDocumentRequest(_message.Message):
    __slots__ = ["export_authorization", "import_authorization", "override_justification", "scan", "scan_media_type"]
    EXPORT_AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    IMPORT_AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    OVERRIDE_JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    SCAN_MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    export_authorization: ExportAuthorizationContent
    import_authorization: ImportAuthorizationContent
    override_justification: str
    scan: bytes
    scan_media_type: str
    def __init__(self, import_authorization: _Optional[_Union[ImportAuthorizationContent, _Mapping]] = ..., export_authorization: _Optional[_Union[ExportAuthorizationContent, _Mapping]] = ..., scan: _Optional[bytes] = ..., scan_media_type: _Optional[str] = ..., override_justification: _Optional[str] = ...) -> None: ...

class Period(_message.Message):
    __slots__ = ["first", "last"]
    FIRST_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    first: str
    last: str
    def __init__(self, first: _Optional[str] = ..., last: _Optional[str] = ...) -> None: ...

class Problem(_message.Message):
    __slots__ = ["facts", "message", "reason"]
    class FactsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FACTS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    facts: _containers.ScalarMap[str, str]
    message: str
    reason: str
    def __init__(self, reason: _Optional[str] = ..., message: _Optional[str] = ..., facts: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RecordExportedRequest(_message.Message):
    __slots__ = ["exported_mg", "number"]
    EXPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    exported_mg: _containers.RepeatedScalarFieldContainer[int]
    number: str
    def __init__(self, number: _Optional[str] = ..., exported_mg: _Optional[_Iterable[int]] = ...) -> None: ...

class ScanRequest(_message.Message):
    __slots__ = ["document", "endorsement"]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    ENDORSEMENT_FIELD_NUMBER: _ClassVar[int]
    document: DocumentRef
    endorsement: bool
    def __init__(self, document: _Optional[_Union[DocumentRef, _Mapping]] = ..., endorsement: bool = ...) -> None: ...

class ScanResponse(_message.Message):
    __slots__ = ["media_type", "scan", "sha256"]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SCAN_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    media_type: str
    scan: bytes
    sha256: str
    def __init__(self, scan: _Optional[bytes] = ..., media_type: _Optional[str] = ..., sha256: _Optional[str] = ...) -> None: ...

class SealKeyInfo(_message.Message):
    __slots__ = ["key_id", "public_key", "valid_from_ms", "valid_until_ms"]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_MS_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_MS_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    public_key: bytes
    valid_from_ms: int
    valid_until_ms: int
    def __init__(self, key_id: _Optional[str] = ..., public_key: _Optional[bytes] = ..., valid_from_ms: _Optional[int] = ..., valid_until_ms: _Optional[int] = ...) -> None: ...

class SealKeyResponse(_message.Message):
    __slots__ = ["key_id", "keys", "public_key"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_KEY_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    keys: _containers.RepeatedCompositeFieldContainer[SealKeyInfo]
    public_key: bytes
    def __init__(self, public_key: _Optional[bytes] = ..., key_id: _Optional[str] = ..., keys: _Optional[_Iterable[_Union[SealKeyInfo, _Mapping]]] = ...) -> None: ...

class Trader(_message.Message):
    __slots__ = ["address", "authority", "country", "id", "name"]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    address: str
    authority: str
    country: str
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., country: _Optional[str] = ..., authority: _Optional[str] = ...) -> None: ...

class ValidationResponse(_message.Message):
    __slots__ = ["balances_after", "document", "problems"]
    BALANCES_AFTER_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    balances_after: _containers.RepeatedCompositeFieldContainer[Balance]
    document: Document
    problems: _containers.RepeatedCompositeFieldContainer[Problem]
    def __init__(self, problems: _Optional[_Iterable[_Union[Problem, _Mapping]]] = ..., document: _Optional[_Union[Document, _Mapping]] = ..., balances_after: _Optional[_Iterable[_Union[Balance, _Mapping]]] = ...) -> None: ...

class DocumentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
