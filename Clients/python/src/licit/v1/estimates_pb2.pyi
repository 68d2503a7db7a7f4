from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DecideSupplementaryRequest(_message.Message):
    __slots__ = ["confirmed_mg", "id", "reason"]
    CONFIRMED_MG_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    confirmed_mg: int
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., confirmed_mg: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class ListSupplementaryRequest(_message.Message):
    __slots__ = ["country", "status"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    country: str
    status: str
    def __init__(self, country: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ListSupplementaryResponse(_message.Message):
    __slots__ = ["estimates"]
    ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    estimates: _containers.RepeatedCompositeFieldContainer[SupplementaryEstimate]
    def __init__(self, estimates: _Optional[_Iterable[_Union[SupplementaryEstimate, _Mapping]]] = ...) -> None: ...

class RequestSupplementaryRequest(_message.Message):
    __slots__ = ["justification", "quantity_mg", "substance", "year"]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MG_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    justification: str
    quantity_mg: int
    substance: str
    year: int
    def __init__(self, substance: _Optional[str] = ..., quantity_mg: _Optional[int] = ..., year: _Optional[int] = ..., justification: _Optional[str] = ...) -> None: ...

class SupplementaryEstimate(_message.Message):
    __slots__ = ["confirmed_mg", "country", "decided_at_ms", "decision_reason", "id", "justification", "requested_at_ms", "requested_by", "requested_mg", "status", "substance", "year"]
    CONFIRMED_MG_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    DECISION_REASON_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    JUSTIFICATION_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_MG_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    confirmed_mg: int
    country: str
    decided_at_ms: int
    decision_reason: str
    id: str
    justification: str
    requested_at_ms: int
    requested_by: str
    requested_mg: int
    status: str
    substance: str
    year: int
    def __init__(self, id: _Optional[str] = ..., country: _Optional[str] = ..., substance: _Optional[str] = ..., year: _Optional[int] = ..., requested_mg: _Optional[int] = ..., justification: _Optional[str] = ..., requested_by: _Optional[str] = ..., requested_at_ms: _Optional[int] = ..., status: _Optional[str] = ..., confirmed_mg: _Optional[int] = ..., decision_reason: _Optional[str] = ..., decided_at_ms: _Optional[int] = ...) -> None: ...

class SupplementaryEstimateResponse(_message.Message):
    __slots__ = ["estimate"]
    ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    estimate: SupplementaryEstimate
    def __init__(self, estimate: _Optional[_Union[SupplementaryEstimate, _Mapping]] = ...) -> None: ...
