from licit.v1 import documents_pb2 as _documents_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AcknowledgeRequest(_message.Message):
    __slots__ = ["through_sequence"]
    THROUGH_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    through_sequence: int
    def __init__(self, through_sequence: _Optional[int] = ...) -> None: ...

class AcknowledgeResponse(_message.Message):
    __slots__ = ["acknowledged"]
    ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    acknowledged: int
    def __init__(self, acknowledged: _Optional[int] = ...) -> None: ...

class InboxEvent(_message.Message):
    __slots__ = ["at_ms", "document", "document_kind", "kind", "sequence", "status", "subject", "summary"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    document: _documents_pb2.DocumentRef
    document_kind: _documents_pb2.DocumentKind
    kind: str
    sequence: int
    status: str
    subject: str
    summary: str
    def __init__(self, sequence: _Optional[int] = ..., kind: _Optional[str] = ..., document: _Optional[_Union[_documents_pb2.DocumentRef, _Mapping]] = ..., document_kind: _Optional[_Union[_documents_pb2.DocumentKind, str]] = ..., at_ms: _Optional[int] = ..., status: _Optional[str] = ..., summary: _Optional[str] = ..., subject: _Optional[str] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ["after_sequence", "limit"]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    after_sequence: int
    limit: int
    def __init__(self, after_sequence: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ["acknowledged", "events"]
    ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    acknowledged: int
    events: _containers.RepeatedCompositeFieldContainer[InboxEvent]
    def __init__(self, events: _Optional[_Iterable[_Union[InboxEvent, _Mapping]]] = ..., acknowledged: _Optional[int] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ["after_sequence", "from_cursor"]
    AFTER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    FROM_CURSOR_FIELD_NUMBER: _ClassVar[int]
    after_sequence: int
    from_cursor: bool
    def __init__(self, from_cursor: bool = ..., after_sequence: _Optional[int] = ...) -> None: ...
