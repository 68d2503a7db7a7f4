from licit.v1 import documents_pb2 as _documents_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
EMERGENCY_EXPORTS: OversightKind
OVERDUE_ENDORSEMENTS: OversightKind
OVERRIDES: OversightKind
OVERSIGHT_KIND_UNSPECIFIED: OversightKind
WITHDRAWN: OversightKind

class AuditCheckpoint(_message.Message):
    __slots__ = ["at_ms", "head_hash", "key_id", "line", "sequence", "signature"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    head_hash: bytes
    key_id: str
    line: str
    sequence: int
    signature: bytes
    def __init__(self, sequence: _Optional[int] = ..., head_hash: _Optional[bytes] = ..., at_ms: _Optional[int] = ..., key_id: _Optional[str] = ..., signature: _Optional[bytes] = ..., line: _Optional[str] = ...) -> None: ...

class AuditEntry(_message.Message):
    __slots__ = ["action", "actor", "at_ms", "certificate", "detail", "hash", "outcome", "previous_hash", "sequence", "subject"]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    action: str
    actor: str
    at_ms: int
    certificate: str
    detail: str
    hash: bytes
    outcome: str
    previous_hash: bytes
    sequence: int
    subject: str
    def __init__(self, sequence: _Optional[int] = ..., at_ms: _Optional[int] = ..., actor: _Optional[str] = ..., certificate: _Optional[str] = ..., action: _Optional[str] = ..., subject: _Optional[str] = ..., outcome: _Optional[str] = ..., detail: _Optional[str] = ..., previous_hash: _Optional[bytes] = ..., hash: _Optional[bytes] = ...) -> None: ...

class CallCountersRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class CallCountersResponse(_message.Message):
    __slots__ = ["methods"]
    METHODS_FIELD_NUMBER: _ClassVar[int]
    methods: _containers.RepeatedCompositeFieldContainer[MethodCounters]
    def __init__(self, methods: _Optional[_Iterable[_Union[MethodCounters, _Mapping]]] = ...) -> None: ...

class DeliverAuditCheckpointRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class EstimateWatchEntry(_message.Message):
    __slots__ = ["balance", "used_percent"]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    USED_PERCENT_FIELD_NUMBER: _ClassVar[int]
    balance: _documents_pb2.Balance
    used_percent: int
    def __init__(self, balance: _Optional[_Union[_documents_pb2.Balance, _Mapping]] = ..., used_percent: _Optional[int] = ...) -> None: ...

class EstimateWatchRequest(_message.Message):
    __slots__ = ["substance", "threshold_percent", "year"]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_PERCENT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    substance: str
    threshold_percent: int
    year: int
    def __init__(self, year: _Optional[int] = ..., threshold_percent: _Optional[int] = ..., substance: _Optional[str] = ...) -> None: ...

class EstimateWatchResponse(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[EstimateWatchEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[EstimateWatchEntry, _Mapping]]] = ...) -> None: ...

class GetAuditCheckpointRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListAuditRequest(_message.Message):
    __slots__ = ["after_sequence", "page_size"]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    after_sequence: int
    page_size: int
    def __init__(self, after_sequence: _Optional[int] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListAuditResponse(_message.Message):
    __slots__ = ["entries", "head_hash", "head_sequence", "next_after_sequence"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    NEXT_AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    head_hash: bytes
    head_sequence: int
    next_after_sequence: int
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., next_after_sequence: _Optional[int] = ..., head_sequence: _Optional[int] = ..., head_hash: _Optional[bytes] = ...) -> None: ...

class MethodCounters(_message.Message):
    __slots__ = ["by_status", "method"]
    class ByStatusEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    by_status: _containers.ScalarMap[str, int]
    method: str
    def __init__(self, method: _Optional[str] = ..., by_status: _Optional[_Mapping[str, int]] = ...) -> None: ...

class OversightEntry(_message.Message):
    __slots__ = ["days_overdue", "document", "note"]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    days_overdue: int
    document: _documents_pb2.Document
    note: str
    def __init__(self, document: _Optional[_Union[_documents_pb2.Document, _Mapping]] = ..., note: _Optional[str] = ..., days_overdue: _Optional[int] = ...) -> None: ...

class OversightRequest(_message.Message):
    __slots__ = ["country", "issued_from", "issued_to", "kind", "page_size", "page_token"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FROM_FIELD_NUMBER: _ClassVar[int]
    ISSUED_TO_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    country: str
    issued_from: str
    issued_to: str
    kind: OversightKind
    page_size: int
    page_token: str
    def __init__(self, kind: _Optional[_Union[OversightKind, str]] = ..., country: _Optional[str] = ..., issued_from: _Optional[str] = ..., issued_to: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class OversightResponse(_message.Message):
    __slots__ = ["entries", "next_page_token"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[OversightEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[OversightEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PaperPartner(_message.Message):
    __slots__ = ["country", "documents", "last_issued_on", "name"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    LAST_ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    country: str
    documents: int
    last_issued_on: str
    name: str
    def __init__(self, country: _Optional[str] = ..., name: _Optional[str] = ..., documents: _Optional[int] = ..., last_issued_on: _Optional[str] = ...) -> None: ...

class PaperPartnersRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class PaperPartnersResponse(_message.Message):
    __slots__ = ["partners"]
    PARTNERS_FIELD_NUMBER: _ClassVar[int]
    partners: _containers.RepeatedCompositeFieldContainer[PaperPartner]
    def __init__(self, partners: _Optional[_Iterable[_Union[PaperPartner, _Mapping]]] = ...) -> None: ...

class ReturnLine(_message.Message):
    __slots__ = ["base_mg", "direction", "documents", "partner_country", "substance"]
    BASE_MG_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    base_mg: int
    direction: str
    documents: _containers.RepeatedCompositeFieldContainer[_documents_pb2.DocumentRef]
    partner_country: str
    substance: str
    def __init__(self, direction: _Optional[str] = ..., substance: _Optional[str] = ..., partner_country: _Optional[str] = ..., base_mg: _Optional[int] = ..., documents: _Optional[_Iterable[_Union[_documents_pb2.DocumentRef, _Mapping]]] = ...) -> None: ...

class ReturnRequest(_message.Message):
    __slots__ = ["country", "form", "quarter", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    form: str
    quarter: int
    year: int
    def __init__(self, country: _Optional[str] = ..., form: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ...) -> None: ...

class ReturnResponse(_message.Message):
    __slots__ = ["country", "form", "lines", "period"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    country: str
    form: str
    lines: _containers.RepeatedCompositeFieldContainer[ReturnLine]
    period: _documents_pb2.Period
    def __init__(self, country: _Optional[str] = ..., form: _Optional[str] = ..., period: _Optional[_Union[_documents_pb2.Period, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[ReturnLine, _Mapping]]] = ...) -> None: ...

class TradeFlow(_message.Message):
    __slots__ = ["authorized_mg", "export_authorizations", "exported_mg", "exporting_country", "imported_mg", "importing_country", "status", "substance"]
    AUTHORIZED_MG_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    EXPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    EXPORT_AUTHORIZATIONS_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_MG_FIELD_NUMBER: _ClassVar[int]
    IMPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    authorized_mg: int
    export_authorizations: int
    exported_mg: int
    exporting_country: str
    imported_mg: int
    importing_country: str
    status: str
    substance: str
    def __init__(self, exporting_country: _Optional[str] = ..., importing_country: _Optional[str] = ..., substance: _Optional[str] = ..., status: _Optional[str] = ..., export_authorizations: _Optional[int] = ..., authorized_mg: _Optional[int] = ..., exported_mg: _Optional[int] = ..., imported_mg: _Optional[int] = ...) -> None: ...

class TradeFlowsRequest(_message.Message):
    __slots__ = ["exporting_country", "importing_country", "issued_from", "issued_to", "status", "substance"]
    EXPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    IMPORTING_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FROM_FIELD_NUMBER: _ClassVar[int]
    ISSUED_TO_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    exporting_country: str
    importing_country: str
    issued_from: str
    issued_to: str
    status: str
    substance: str
    def __init__(self, exporting_country: _Optional[str] = ..., importing_country: _Optional[str] = ..., substance: _Optional[str] = ..., issued_from: _Optional[str] = ..., issued_to: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class TradeFlowsResponse(_message.Message):
    __slots__ = ["flows"]
    FLOWS_FIELD_NUMBER: _ClassVar[int]
    flows: _containers.RepeatedCompositeFieldContainer[TradeFlow]
    def __init__(self, flows: _Optional[_Iterable[_Union[TradeFlow, _Mapping]]] = ...) -> None: ...

class OversightKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
