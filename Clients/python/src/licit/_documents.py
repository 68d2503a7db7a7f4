"""licit.v1.Documents (PROTOCOL.md §15.2): authorizations, endorsements, balances, the seal key.

Every write takes ``request_id`` (a fresh one by default). When a write raises
:class:`~licit.IndeterminateError`, call again with ``request_id=error.request_id`` and the same
arguments: the exchange applies a request at most once and answers a replay with the original.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Type, TypeVar, Union

from google.protobuf.message import Message

from licit._caller import Caller
from licit.v1 import documents_pb2 as documents
from licit.v1 import session_pb2

M = TypeVar("M", bound=Message)


def _method(name: str) -> str:
    return f"licit.v1.Documents/{name}"


class DocumentsMixin(Caller):
    def _write_document(
        self, method: str, request: Message, request_id: Optional[str], timeout: Optional[float]
    ) -> documents.Document:
        return self._write(
            _method(method), request, documents.DocumentResponse, request_id=request_id, timeout=timeout
        ).document

    def issue_import_authorization(
        self,
        content: Optional[documents.ImportAuthorizationContent] = None,
        *,
        draft_number: str = "",
        override_justification: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Issues an IA; the exchange fills in authority, issued_on, substances and base quantities.

        With ``draft_number`` instead of ``content``, issues the CNA's saved draft of that number
        (``draft_not_found`` if none), which the issued IA replaces. ``override_justification``
        issues it despite ``over_estimate`` / ``over_assessment``; the Board is told."""
        if content is None and not draft_number:
            raise ValueError("issue_import_authorization needs the content, or the draft_number of a saved draft")
        request = documents.ImportAuthorizationRequest(
            content=content, draft_number=draft_number, override_justification=override_justification
        )
        return self._write_document("IssueImportAuthorization", request, request_id, timeout)

    def validate_import_authorization(
        self, content: documents.ImportAuthorizationContent, *, timeout: Optional[float] = None
    ) -> documents.ValidationResponse:
        """Runs every check of the issue, writing nothing. ``problems`` lists what the issue would
        refuse (empty: it would be accepted), ``document`` the content as it would be issued
        (unsealed), ``balances_after`` the caller's country's balances once it is issued. Malformed
        input is refused (:class:`RejectedError`) as the issue would refuse it."""
        request = documents.ImportAuthorizationRequest(content=content)
        return self.unary(
            _method("ValidateImportAuthorization"), request, documents.ValidationResponse, timeout=timeout
        )

    def draft_import_authorization(
        self,
        content: documents.ImportAuthorizationContent,
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Saves an IA as a draft (status ``draft``, unsealed, seen by the caller's CNA only),
        replacing its draft of the same number. Only the input rules are checked; issue it later
        with ``issue_import_authorization(draft_number=...)``. Officers and signers."""
        request = documents.ImportAuthorizationRequest(content=content)
        return self._write_document("DraftImportAuthorization", request, request_id, timeout)

    def amend_import_authorization(
        self,
        content: documents.ImportAuthorizationContent,
        *,
        override_justification: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Issues a new IA (``content.number``) that supersedes the CNA's IA ``content.supersedes``
        and takes over its EAs; the old one becomes ``superseded``. Returns the new IA."""
        request = documents.ImportAuthorizationRequest(content=content, override_justification=override_justification)
        return self._write_document("AmendImportAuthorization", request, request_id, timeout)

    def validate_export_authorization(
        self,
        content: documents.ExportAuthorizationContent,
        *,
        emergency_justification: str = "",
        timeout: Optional[float] = None,
    ) -> documents.ValidationResponse:
        """Runs every check of the EA's issue, writing nothing: ``problems`` as for an IA;
        ``balances_after`` is empty (the importing country is another's)."""
        request = documents.ExportAuthorizationRequest(content=content, emergency_justification=emergency_justification)
        return self.unary(
            _method("ValidateExportAuthorization"), request, documents.ValidationResponse, timeout=timeout
        )

    def issue_export_authorization(
        self,
        content: documents.ExportAuthorizationContent,
        *,
        override_justification: str = "",
        emergency_justification: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Issues an EA against the IA it cites (or, with ``content.emergency``, an emergency export)."""
        request = documents.ExportAuthorizationRequest(
            content=content,
            override_justification=override_justification,
            emergency_justification=emergency_justification,
        )
        return self._write_document("IssueExportAuthorization", request, request_id, timeout)

    def record_exported(
        self,
        number: str,
        exported_mg: Sequence[int],
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Records a short export: per line, the base milligrams actually exported."""
        request = documents.RecordExportedRequest(number=number, exported_mg=list(exported_mg))
        return self._write_document("RecordExportedQuantity", request, request_id, timeout)

    def endorse(
        self,
        authority: str,
        number: str,
        imported_mg: Sequence[int],
        *,
        scan: bytes = b"",
        scan_media_type: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Endorses the EA ``authority``/``number``: per line, the base milligrams actually imported.
        ``scan``: for the caller's EA to a paper partner, the scanned endorsement it sent back."""
        request = documents.EndorseRequest(
            export_authorization=documents.DocumentRef(authority=authority, number=number),
            imported_mg=list(imported_mg),
            scan=scan,
            scan_media_type=scan_media_type,
        )
        return self._write_document("Endorse", request, request_id, timeout)

    def cancel(
        self,
        number: str,
        reason: str,
        *,
        authority: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Cancels one of the caller's CNA's documents, with a reason both CNAs and the Board see.
        ``authority``: a recorded paper document's foreign CNA."""
        request = documents.CancelRequest(number=number, reason=reason, authority=authority)
        return self._write_document("Cancel", request, request_id, timeout)

    def record_paper_document(
        self,
        content: Union[documents.ImportAuthorizationContent, documents.ExportAuthorizationContent],
        scan: bytes,
        scan_media_type: str = "application/pdf",
        *,
        override_justification: str = "",
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> documents.Document:
        """Records an IA or EA exchanged on paper with a country not on the exchange, with its scan.
        ``content.authority`` is the foreign CNA (one the reference data lists for its country)."""
        request = documents.PaperDocumentRequest(
            scan=scan, scan_media_type=scan_media_type, override_justification=override_justification
        )
        if isinstance(content, documents.ImportAuthorizationContent):
            request.import_authorization.CopyFrom(content)
        else:
            request.export_authorization.CopyFrom(content)
        return self._write_document("RecordPaperDocument", request, request_id, timeout)

    def get_scan(
        self, authority: str, number: str, *, endorsement: bool = False, timeout: Optional[float] = None
    ) -> documents.ScanResponse:
        """The scanned paper behind a document the caller may see (``endorsement``: the paper
        endorsement of an EA to a paper partner). Check ``sha256`` against the document's state."""
        request = documents.ScanRequest(
            document=documents.DocumentRef(authority=authority, number=number), endorsement=endorsement
        )
        return self.unary(_method("GetScan"), request, documents.ScanResponse, timeout=timeout)

    def get_document(self, authority: str, number: str, *, timeout: Optional[float] = None) -> documents.Document:
        request = documents.DocumentRef(authority=authority, number=number)
        return self.unary(_method("GetDocument"), request, documents.DocumentResponse, timeout=timeout).document

    def get_history(
        self, authority: str, number: str, *, timeout: Optional[float] = None
    ) -> List[documents.HistoryEntry]:
        """A document's changes in order: ``action`` (``drafted``, ``issued``, ``superseded``,
        ``endorsed``, ``cancelled`` …), the ``status`` after it, the ``authority`` that made it."""
        request = documents.DocumentRef(authority=authority, number=number)
        return list(self.unary(_method("GetHistory"), request, documents.HistoryResponse, timeout=timeout).entries)

    def list_documents(
        self,
        request: Optional[documents.ListDocumentsRequest] = None,
        *,
        timeout: Optional[float] = None,
    ) -> documents.ListDocumentsResponse:
        """One page of the documents the caller may see, newest first (filters in ``request``)."""
        return self.unary(
            _method("ListDocuments"),
            request or documents.ListDocumentsRequest(),
            documents.ListDocumentsResponse,
            timeout=timeout,
        )

    def get_balances(
        self, country: str = "", year: int = 0, substance: str = "", *, timeout: Optional[float] = None
    ) -> List[documents.Balance]:
        """A country's balances: the caller's own when ``country`` is empty, this year when ``year`` is 0."""
        request = documents.BalancesRequest(country=country, year=year, substance=substance)
        return list(self.unary(_method("GetBalances"), request, documents.BalancesResponse, timeout=timeout).balances)

    def get_seal_key(self, *, timeout: Optional[float] = None) -> documents.SealKeyResponse:
        """The exchange's raw 32-byte Ed25519 public key, to verify seals offline."""
        # GetSealKey ignores its request: an empty message is the empty payload.
        return self.unary(_method("GetSealKey"), session_pb2.EchoRequest(), documents.SealKeyResponse, timeout=timeout)


def import_authorization(document: documents.Document) -> Optional[documents.ImportAuthorizationContent]:
    """The IA a document's content holds, or None."""
    return _content(document, documents.IMPORT_AUTHORIZATION, documents.ImportAuthorizationContent)


def export_authorization(document: documents.Document) -> Optional[documents.ExportAuthorizationContent]:
    """The EA a document's content holds, or None."""
    return _content(document, documents.EXPORT_AUTHORIZATION, documents.ExportAuthorizationContent)


def _content(document: documents.Document, kind: int, message_type: Type[M]) -> Optional[M]:
    if document.kind != kind:
        return None
    content: M = message_type()
    content.ParseFromString(document.content)
    return content
