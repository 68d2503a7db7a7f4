from licit.v1 import session_pb2 as _session_pb2
from licit.v1 import documents_pb2 as _documents_pb2
from licit.v1 import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Allowance(_message.Message):
    __slots__ = ["country", "initial_mg", "substance", "supplementary_mg", "year"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    INITIAL_MG_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    SUPPLEMENTARY_MG_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    country: str
    initial_mg: int
    substance: str
    supplementary_mg: _containers.RepeatedScalarFieldContainer[int]
    year: int
    def __init__(self, country: _Optional[str] = ..., substance: _Optional[str] = ..., year: _Optional[int] = ..., initial_mg: _Optional[int] = ..., supplementary_mg: _Optional[_Iterable[int]] = ...) -> None: ...

class ApproveAccountRequest(_message.Message):
    __slots__ = ["approve", "name", "reason"]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    approve: bool
    name: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., approve: bool = ..., reason: _Optional[str] = ...) -> None: ...

class ApproveAccountResponse(_message.Message):
    __slots__ = ["account"]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: _session_pb2.Account
    def __init__(self, account: _Optional[_Union[_session_pb2.Account, _Mapping]] = ...) -> None: ...

class Authority(_message.Message):
    __slots__ = ["address", "code", "conventions", "country", "name"]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    CONVENTIONS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    address: str
    code: str
    conventions: _containers.RepeatedScalarFieldContainer[str]
    country: str
    name: str
    def __init__(self, code: _Optional[str] = ..., country: _Optional[str] = ..., name: _Optional[str] = ..., conventions: _Optional[_Iterable[str]] = ..., address: _Optional[str] = ...) -> None: ...

class ConversionFactor(_message.Message):
    __slots__ = ["effective_from", "millionths", "source"]
    EFFECTIVE_FROM_FIELD_NUMBER: _ClassVar[int]
    MILLIONTHS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    effective_from: str
    millionths: int
    source: str
    def __init__(self, millionths: _Optional[int] = ..., effective_from: _Optional[str] = ..., source: _Optional[str] = ...) -> None: ...

class Country(_message.Message):
    __slots__ = ["code", "name", "names", "participating"]
    class NamesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARTICIPATING_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    names: _containers.ScalarMap[str, str]
    participating: bool
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., participating: bool = ..., names: _Optional[_Mapping[str, str]] = ...) -> None: ...

class EnrollAccountRequest(_message.Message):
    __slots__ = ["authority", "certificate_request", "name", "role"]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_REQUEST_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    authority: str
    certificate_request: bytes
    name: str
    role: _session_pb2.Role
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[_session_pb2.Role, str]] = ..., authority: _Optional[str] = ..., certificate_request: _Optional[bytes] = ...) -> None: ...

class EnrollAccountResponse(_message.Message):
    __slots__ = ["account", "certificate_pem"]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    account: _session_pb2.Account
    certificate_pem: str
    def __init__(self, account: _Optional[_Union[_session_pb2.Account, _Mapping]] = ..., certificate_pem: _Optional[str] = ...) -> None: ...

class GetReferenceRequest(_message.Message):
    __slots__ = ["country"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    country: str
    def __init__(self, country: _Optional[str] = ...) -> None: ...

class ImportReferenceResponse(_message.Message):
    __slots__ = ["allowances", "authorities", "countries", "prohibitions", "substances", "traders"]
    ALLOWANCES_FIELD_NUMBER: _ClassVar[int]
    AUTHORITIES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    PROHIBITIONS_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCES_FIELD_NUMBER: _ClassVar[int]
    TRADERS_FIELD_NUMBER: _ClassVar[int]
    allowances: int
    authorities: int
    countries: int
    prohibitions: int
    substances: int
    traders: int
    def __init__(self, countries: _Optional[int] = ..., authorities: _Optional[int] = ..., substances: _Optional[int] = ..., allowances: _Optional[int] = ..., prohibitions: _Optional[int] = ..., traders: _Optional[int] = ...) -> None: ...

class ListAccountsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListAccountsResponse(_message.Message):
    __slots__ = ["accounts"]
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[_session_pb2.Account]
    def __init__(self, accounts: _Optional[_Iterable[_Union[_session_pb2.Account, _Mapping]]] = ...) -> None: ...

class Prohibition(_message.Message):
    __slots__ = ["country", "substance"]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCE_FIELD_NUMBER: _ClassVar[int]
    country: str
    substance: str
    def __init__(self, country: _Optional[str] = ..., substance: _Optional[str] = ...) -> None: ...

class ReferenceData(_message.Message):
    __slots__ = ["allowances", "authorities", "countries", "prohibitions", "reasons", "statuses", "substances", "traders"]
    ALLOWANCES_FIELD_NUMBER: _ClassVar[int]
    AUTHORITIES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    PROHIBITIONS_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    SUBSTANCES_FIELD_NUMBER: _ClassVar[int]
    TRADERS_FIELD_NUMBER: _ClassVar[int]
    allowances: _containers.RepeatedCompositeFieldContainer[Allowance]
    authorities: _containers.RepeatedCompositeFieldContainer[Authority]
    countries: _containers.RepeatedCompositeFieldContainer[Country]
    prohibitions: _containers.RepeatedCompositeFieldContainer[Prohibition]
    reasons: _containers.RepeatedCompositeFieldContainer[Term]
    statuses: _containers.RepeatedCompositeFieldContainer[Term]
    substances: _containers.RepeatedCompositeFieldContainer[Substance]
    traders: _containers.RepeatedCompositeFieldContainer[_documents_pb2.Trader]
    def __init__(self, countries: _Optional[_Iterable[_Union[Country, _Mapping]]] = ..., authorities: _Optional[_Iterable[_Union[Authority, _Mapping]]] = ..., substances: _Optional[_Iterable[_Union[Substance, _Mapping]]] = ..., allowances: _Optional[_Iterable[_Union[Allowance, _Mapping]]] = ..., prohibitions: _Optional[_Iterable[_Union[Prohibition, _Mapping]]] = ..., traders: _Optional[_Iterable[_Union[_documents_pb2.Trader, _Mapping]]] = ..., statuses: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., reasons: _Optional[_Iterable[_Union[Term, _Mapping]]] = ...) -> None: ...

class RegisterTraderRequest(_message.Message):
    __slots__ = ["trader"]
    TRADER_FIELD_NUMBER: _ClassVar[int]
    trader: _documents_pb2.Trader
    def __init__(self, trader: _Optional[_Union[_documents_pb2.Trader, _Mapping]] = ...) -> None: ...

class RegisterTraderResponse(_message.Message):
    __slots__ = ["trader"]
    TRADER_FIELD_NUMBER: _ClassVar[int]
    trader: _documents_pb2.Trader
    def __init__(self, trader: _Optional[_Union[_documents_pb2.Trader, _Mapping]] = ...) -> None: ...

class RevokeCertificateRequest(_message.Message):
    __slots__ = ["fingerprint", "reason"]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    fingerprint: str
    reason: str
    def __init__(self, fingerprint: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeCertificateResponse(_message.Message):
    __slots__ = ["account"]
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: _session_pb2.Account
    def __init__(self, account: _Optional[_Union[_session_pb2.Account, _Mapping]] = ...) -> None: ...

class Substance(_message.Message):
    __slots__ = ["code", "convention", "forms", "name", "names", "schedules"]
    class NamesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    CONVENTION_FIELD_NUMBER: _ClassVar[int]
    FORMS_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCHEDULES_FIELD_NUMBER: _ClassVar[int]
    code: str
    convention: str
    forms: _containers.RepeatedCompositeFieldContainer[SubstanceForm]
    name: str
    names: _containers.ScalarMap[str, str]
    schedules: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., convention: _Optional[str] = ..., schedules: _Optional[_Iterable[int]] = ..., forms: _Optional[_Iterable[_Union[SubstanceForm, _Mapping]]] = ..., names: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SubstanceForm(_message.Message):
    __slots__ = ["code", "factors", "name"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    FACTORS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    code: str
    factors: _containers.RepeatedCompositeFieldContainer[ConversionFactor]
    name: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., factors: _Optional[_Iterable[_Union[ConversionFactor, _Mapping]]] = ...) -> None: ...

class Term(_message.Message):
    __slots__ = ["action", "code", "details", "names", "retry_same_id", "status_code"]
    class NamesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    RETRY_SAME_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    action: str
    code: str
    details: _containers.RepeatedScalarFieldContainer[str]
    names: _containers.ScalarMap[str, str]
    retry_same_id: bool
    status_code: _status_pb2.StatusCode
    def __init__(self, code: _Optional[str] = ..., names: _Optional[_Mapping[str, str]] = ..., status_code: _Optional[_Union[_status_pb2.StatusCode, str]] = ..., retry_same_id: bool = ..., details: _Optional[_Iterable[str]] = ..., action: _Optional[str] = ...) -> None: ...
