from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DecideReturnRequest(_message.Message):
    __slots__ = ["accept", "country", "form", "reason", "year"]
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    accept: bool
    country: str
    form: str
    reason: str
    year: int
    def __init__(self, country: _Optional[str] = ..., form: _Optional[str] = ..., year: _Optional[int] = ..., accept: bool = ..., reason: _Optional[str] = ...) -> None: ...

class ListReturnsRequest(_message.Message):
    __slots__ = ["country"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    country: str
    def __init__(self, country: _Optional[str] = ...) -> None: ...

class ListReturnsResponse(_message.Message):
    __slots__ = ["filings"]
    FILINGS_FIELD_NUMBER: _ClassVar[int]
    filings: _containers.RepeatedCompositeFieldContainer[ReturnFiling]
    def __init__(self, filings: _Optional[_Iterable[_Union[ReturnFiling, _Mapping]]] = ...) -> None: ...

class ReturnFigure(_message.Message):
    __slots__ = ["item", "quantity_mg", "substance"]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MG_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    item: str
    quantity_mg: int
    substance: str
    def __init__(self, substance: _Optional[str] = ..., item: _Optional[str] = ..., quantity_mg: _Optional[int] = ...) -> None: ...

class ReturnFiling(_message.Message):
    __slots__ = ["country", "decision_reason", "figures", "filed_by", "form", "status", "trade", "updated_at_ms", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DECISION_REASON_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    FILED_BY_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    decision_reason: str
    figures: _containers.RepeatedCompositeFieldContainer[ReturnFigure]
    filed_by: str
    form: str
    status: str
    trade: _containers.RepeatedCompositeFieldContainer[ReturnFigure]
    updated_at_ms: int
    year: int
    def __init__(self, country: _Optional[str] = ..., form: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Iterable[_Union[ReturnFigure, _Mapping]]] = ..., trade: _Optional[_Iterable[_Union[ReturnFigure, _Mapping]]] = ..., status: _Optional[str] = ..., filed_by: _Optional[str] = ..., updated_at_ms: _Optional[int] = ..., decision_reason: _Optional[str] = ...) -> None: ...

class ReturnFilingResponse(_message.Message):
    __slots__ = ["filing"]
    FILING_FIELD_NUMBER: _ClassVar[int]
    filing: ReturnFiling
    def __init__(self, filing: _Optional[_Union[ReturnFiling, _Mapping]] = ...) -> None: ...

class SaveReturnRequest(_message.Message):
    __slots__ = ["figures", "form", "submit", "year"]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    figures: _containers.RepeatedCompositeFieldContainer[ReturnFigure]
    form: str
    submit: bool
    year: int
    def __init__(self, form: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Iterable[_Union[ReturnFigure, _Mapping]]] = ..., submit: bool = ...) -> None: ...
