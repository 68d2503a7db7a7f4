from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AnnualEstimate(_message.Message):
    __slots__ = ["country", "decided_at_ms", "decision_reason", "lines", "status", "submitted_at_ms", "submitted_by", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    DECISION_REASON_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_BY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    decided_at_ms: int
    decision_reason: str
    lines: _containers.RepeatedCompositeFieldContainer[AnnualEstimateLine]
    status: str
    submitted_at_ms: int
    submitted_by: str
    year: int
    def __init__(self, country: _Optional[str] = ..., year: _Optional[int] = ..., lines: _Optional[_Iterable[_Union[AnnualEstimateLine, _Mapping]]] = ..., submitted_by: _Optional[str] = ..., submitted_at_ms: _Optional[int] = ..., status: _Optional[str] = ..., decision_reason: _Optional[str] = ..., decided_at_ms: _Optional[int] = ...) -> None: ...

class AnnualEstimateLine(_message.Message):
    __slots__ = ["purpose", "quantity_mg", "substance"]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MG_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    purpose: str
    quantity_mg: int
    substance: str
    def __init__(self, substance: _Optional[str] = ..., purpose: _Optional[str] = ..., quantity_mg: _Optional[int] = ...) -> None: ...

class AnnualEstimateResponse(_message.Message):
    __slots__ = ["estimate"]
    ESTIMATE_FIELD_NUMBER: _ClassVar[int]
    estimate: AnnualEstimate
    def __init__(self, estimate: _Optional[_Union[AnnualEstimate, _Mapping]] = ...) -> None: ...

class DecideAnnualRequest(_message.Message):
    __slots__ = ["confirm", "country", "reason", "year"]
    CONFIRM_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    confirm: bool
    country: str
    reason: str
    year: int
    def __init__(self, country: _Optional[str] = ..., year: _Optional[int] = ..., confirm: bool = ..., reason: _Optional[str] = ...) -> None: ...

class DecideSupplementaryRequest(_message.Message):
    __slots__ = ["confirmed_mg", "id", "reason"]
    CONFIRMED_MG_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    confirmed_mg: int
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., confirmed_mg: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class ListAnnualRequest(_message.Message):
    __slots__ = ["country", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    year: int
    def __init__(self, country: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class ListAnnualResponse(_message.Message):
    __slots__ = ["estimates"]
    ESTIMATES_FIELD_NUMBER: _ClassVar[int]
    estimates: _containers.RepeatedCompositeFieldContainer[AnnualEstimate]
    def __init__(self, estimates: _Optional[_Iterable[_Union[AnnualEstimate, _Mapping]]] = ...) -> None: ...

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

class SubmitAnnualRequest(_message.Message):
    __slots__ = ["lines", "year"]
    LINES_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[AnnualEstimateLine]
    year: int
    def __init__(self, year: _Optional[int] = ..., lines: _Optional[_Iterable[_Union[AnnualEstimateLine, _Mapping]]] = ...) -> None: ...

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
