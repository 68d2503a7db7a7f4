"""Python client of the Licit exchange for narcotic-drug import/export authorizations.

The wire protocol is PROTOCOL.md (licit.v1); the messages are in :mod:`licit.v1`.
"""

from licit._call import PendingCall
from licit._documents import export_authorization, import_authorization
from licit._notifications import verify_webhook
from licit.client import Client
from licit.request_id import new_request_id
from licit.retrying import STANDARD_POLICY, TRANSIENT_REASONS, RetryPolicy
from licit.config import ClientConfig
from licit.errors import (
    CallCancelledError,
    DeadlineExceededError,
    IndeterminateError,
    InvalidRequestError,
    LicitError,
    ProtocolError,
    RejectedError,
    Status,
    StatusCode,
    UnavailableError,
)
from licit.frames import FrameReader, encode_frame
from licit.seal import certificate_fingerprint, document_seal_valid, verify_seal
from licit.subscription import InboxSubscription
from licit.version import __version__

__all__ = [
    "CallCancelledError",
    "Client",
    "ClientConfig",
    "DeadlineExceededError",
    "FrameReader",
    "InboxSubscription",
    "IndeterminateError",
    "InvalidRequestError",
    "LicitError",
    "PendingCall",
    "ProtocolError",
    "RejectedError",
    "RetryPolicy",
    "STANDARD_POLICY",
    "Status",
    "StatusCode",
    "TRANSIENT_REASONS",
    "UnavailableError",
    "__version__",
    "certificate_fingerprint",
    "document_seal_valid",
    "encode_frame",
    "export_authorization",
    "import_authorization",
    "new_request_id",
    "verify_seal",
    "verify_webhook",
]
