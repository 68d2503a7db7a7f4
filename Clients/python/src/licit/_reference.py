"""licit.v1.Reference (PROTOCOL.md §15.4): the reference data, a CNA's traders, and accounts."""

from __future__ import annotations

from typing import List, Optional

from licit._caller import Caller
from licit.v1 import documents_pb2 as documents
from licit.v1 import reference_pb2 as reference
from licit.v1 import session_pb2


def _method(name: str) -> str:
    return f"licit.v1.Reference/{name}"


class ReferenceMixin(Caller):
    def get_reference(self, country: str = "", *, timeout: Optional[float] = None) -> reference.ReferenceData:
        """Every country, CNA and substance, the exchange's statuses and reasons with their names;
        allowances, prohibitions and traders only of ``country`` when it is given. A CNA sees the
        traders it registered; the Board all."""
        request = reference.GetReferenceRequest(country=country)
        return self.unary(_method("GetReference"), request, reference.ReferenceData, timeout=timeout)

    def register_trader(
        self,
        name: str,
        address: str,
        *,
        id: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Trader:
        """Registers (or, with the ``id`` of one of its own, updates) a trader of the caller's CNA
        and country; an empty ``id`` is assigned as ``AUTHORITY-Tn``. Signers and country admins."""
        request = reference.RegisterTraderRequest(trader=documents.Trader(id=id, name=name, address=address))
        response = self._write(
            _method("RegisterTrader"), request, reference.RegisterTraderResponse, request_id=request_id, timeout=timeout
        )
        return response.trader

    def list_accounts(self, *, timeout: Optional[float] = None) -> List[session_pb2.Account]:
        """Every account (board admins), or the accounts of the caller's country (country admins);
        ``revoked`` is set on one whose certificate is on the deny-list."""
        request = reference.ListAccountsRequest()
        return list(
            self.unary(_method("ListAccounts"), request, reference.ListAccountsResponse, timeout=timeout).accounts
        )

    def import_reference(
        self, data: reference.ReferenceData, *, request_id: Optional[str] = None, timeout: Optional[float] = None
    ) -> reference.ImportReferenceResponse:
        """Adds or replaces reference entries by key, all or nothing (board admins); the answer
        counts the entries of each kind imported. A bulk file is ``ReferenceData`` as proto3 JSON:
        read it with ``google.protobuf.json_format.Parse``."""
        return self._write(
            _method("ImportReference"), data, reference.ImportReferenceResponse, request_id=request_id, timeout=timeout
        )

    def revoke_certificate(
        self, fingerprint: str, reason: str, *, request_id: Optional[str] = None, timeout: Optional[float] = None
    ) -> session_pb2.Account:
        """Puts the certificate ``fingerprint`` (lowercase hex SHA-256 of its DER) on the deny-list:
        its connections are closed and it cannot connect again. Board admins any account's, country
        admins their country's (another is ``account_not_found``); ``reason`` is required."""
        request = reference.RevokeCertificateRequest(fingerprint=fingerprint, reason=reason)
        response = self._write(
            _method("RevokeCertificate"),
            request,
            reference.RevokeCertificateResponse,
            request_id=request_id,
            timeout=timeout,
        )
        return response.account

    def enroll_account(
        self,
        name: str,
        role: session_pb2.Role,
        certificate_request: bytes,
        *,
        authority: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> reference.EnrollAccountResponse:
        """Creates the account ``name`` (1-64 of ``a-z 0-9 -``) with ``role``, for ``authority``
        (empty: the caller's CNA), reached by a certificate the exchange's CA issues for the key of
        ``certificate_request`` (a PKCS #10 request, DER). The answer carries the account and
        ``certificate_pem``. A country admin enrolled by a country admin awaits the Board's
        approval (``account.pending_approval``)."""
        request = reference.EnrollAccountRequest(
            name=name, role=role, authority=authority, certificate_request=certificate_request
        )
        return self._write(
            _method("EnrollAccount"), request, reference.EnrollAccountResponse, request_id=request_id, timeout=timeout
        )

    def approve_account(
        self,
        name: str,
        *,
        approve: bool = True,
        reason: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> session_pb2.Account:
        """Approves a pending account (board admins), or with ``approve=False`` rejects it, revoking
        its certificate (``reason`` required)."""
        request = reference.ApproveAccountRequest(name=name, approve=approve, reason=reason)
        response = self._write(
            _method("ApproveAccount"), request, reference.ApproveAccountResponse, request_id=request_id, timeout=timeout
        )
        return response.account
