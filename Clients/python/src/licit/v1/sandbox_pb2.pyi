from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ClockResponse(_message.Message):
    __slots__ = ["day", "now_ms", "rate", "swept"]
    DAY_FIELD_NUMBER: _ClassVar[int]
    NOW_MS_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    SWEPT_FIELD_NUMBER: _ClassVar[int]
    day: str
    now_ms: int
    rate: float
    swept: int
    def __init__(self, now_ms: _Optional[int] = ..., day: _Optional[str] = ..., rate: _Optional[float] = ..., swept: _Optional[int] = ...) -> None: ...

class GetClockRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SetClockRequest(_message.Message):
    __slots__ = ["advance_seconds", "rate"]
    ADVANCE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RATE_FIELD_NUMBER: _ClassVar[int]
    advance_seconds: int
    rate: float
    def __init__(self, advance_seconds: _Optional[int] = ..., rate: _Optional[float] = ...) -> None: ...
