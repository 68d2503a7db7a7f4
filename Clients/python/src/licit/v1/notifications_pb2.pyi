from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListNotificationsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListNotificationsResponse(_message.Message):
    __slots__ = ["targets"]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    targets: _containers.RepeatedCompositeFieldContainer[NotificationTarget]
    def __init__(self, targets: _Optional[_Iterable[_Union[NotificationTarget, _Mapping]]] = ...) -> None: ...

class NotificationTarget(_message.Message):
    __slots__ = ["address", "channel", "delivered_through", "failures", "id", "kinds", "last_attempt_at_ms", "last_error", "registered_at_ms", "registered_by", "removed_at_ms", "retry_at_ms"]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_THROUGH_FIELD_NUMBER: _ClassVar[int]
    FAILURES_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPT_AT_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_BY_FIELD_NUMBER: _ClassVar[int]
    REMOVED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    RETRY_AT_MS_FIELD_NUMBER: _ClassVar[int]
    address: str
    channel: str
    delivered_through: int
    failures: int
    id: str
    kinds: _containers.RepeatedScalarFieldContainer[str]
    last_attempt_at_ms: int
    last_error: str
    registered_at_ms: int
    registered_by: str
    removed_at_ms: int
    retry_at_ms: int
    def __init__(self, id: _Optional[str] = ..., channel: _Optional[str] = ..., address: _Optional[str] = ..., kinds: _Optional[_Iterable[str]] = ..., registered_by: _Optional[str] = ..., registered_at_ms: _Optional[int] = ..., delivered_through: _Optional[int] = ..., failures: _Optional[int] = ..., last_error: _Optional[str] = ..., last_attempt_at_ms: _Optional[int] = ..., retry_at_ms: _Optional[int] = ..., removed_at_ms: _Optional[int] = ...) -> None: ...

class NotificationTargetResponse(_message.Message):
    __slots__ = ["target"]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    target: NotificationTarget
    def __init__(self, target: _Optional[_Union[NotificationTarget, _Mapping]] = ...) -> None: ...

class RegisterNotificationRequest(_message.Message):
    __slots__ = ["address", "channel", "kinds", "secret"]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    address: str
    channel: str
    kinds: _containers.RepeatedScalarFieldContainer[str]
    secret: str
    def __init__(self, channel: _Optional[str] = ..., address: _Optional[str] = ..., secret: _Optional[str] = ..., kinds: _Optional[_Iterable[str]] = ...) -> None: ...

class RemoveNotificationRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...
