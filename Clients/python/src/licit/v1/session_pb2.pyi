from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

BOARD_ADMIN: Role
BOARD_OBSERVER: Role
COUNTRY_ADMIN: Role
DESCRIPTOR: _descriptor.FileDescriptor
OFFICER: Role
ROLE_UNSPECIFIED: Role
SIGNER: Role
VIEWER: Role

class Account(_message.Message):
    __slots__ = ["authority", "certificate_fingerprint", "country", "name", "pending_approval", "revoked", "role"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PENDING_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    authority: str
    certificate_fingerprint: str
    country: str
    name: str
    pending_approval: bool
    revoked: bool
    role: Role
    def __init__(self, name: _Optional[str] = ..., country: _Optional[str] = ..., authority: _Optional[str] = ..., role: _Optional[_Union[Role, str]] = ..., certificate_fingerprint: _Optional[str] = ..., revoked: bool = ..., pending_approval: bool = ...) -> None: ...

class ConnectionLimits(_message.Message):
    __slots__ = ["default_timeout_ms", "idle_timeout_ms", "max_calls_in_flight", "max_frame_bytes", "max_timeout_ms"]
    DEFAULT_TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    IDLE_TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    MAX_CALLS_IN_FLIGHT_FIELD_NUMBER: _ClassVar[int]
    MAX_FRAME_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    default_timeout_ms: int
    idle_timeout_ms: int
    max_calls_in_flight: int
    max_frame_bytes: int
    max_timeout_ms: int
    def __init__(self, max_frame_bytes: _Optional[int] = ..., max_calls_in_flight: _Optional[int] = ..., default_timeout_ms: _Optional[int] = ..., max_timeout_ms: _Optional[int] = ..., idle_timeout_ms: _Optional[int] = ...) -> None: ...

class EchoRequest(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class EchoResponse(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class HelloRequest(_message.Message):
    __slots__ = ["client_name", "protocol_version"]
    CLIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_VERSION_FIELD_NUMBER: _ClassVar[int]
    client_name: str
    protocol_version: int
    def __init__(self, protocol_version: _Optional[int] = ..., client_name: _Optional[str] = ...) -> None: ...

class HelloResponse(_message.Message):
    __slots__ = ["account", "certificate_expires_ms", "limits", "protocol_version", "server_name", "server_time_ms"]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_EXPIRES_MS_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_VERSION_FIELD_NUMBER: _ClassVar[int]
    SERVER_NAME_FIELD_NUMBER: _ClassVar[int]
    SERVER_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    account: Account
    certificate_expires_ms: int
    limits: ConnectionLimits
    protocol_version: int
    server_name: str
    server_time_ms: int
    def __init__(self, protocol_version: _Optional[int] = ..., account: _Optional[_Union[Account, _Mapping]] = ..., limits: _Optional[_Union[ConnectionLimits, _Mapping]] = ..., server_time_ms: _Optional[int] = ..., server_name: _Optional[str] = ..., certificate_expires_ms: _Optional[int] = ...) -> None: ...

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
