/* licit.v1.Documents (PROTOCOL.md §15.2): authorizations, endorsements, balances, the seal key. */
#include <string.h>

#include "internal.h"

#define DOCUMENTS(method) "licit.v1.Documents/" method

/* protobuf-c writes no field for "": NULL strings become that. */
static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

licit_result licit_issue_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *override_justification, const char *request_id,
                                              uint32_t timeout_ms, Licit__V1__Document **document,
                                              licit_error *error)
{
    Licit__V1__ImportAuthorizationRequest request = LICIT__V1__IMPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ImportAuthorizationContent *)content;
    request.override_justification = text(override_justification);
    return licit_document_write(client, DOCUMENTS("IssueImportAuthorization"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_issue_import_authorization_from_draft(licit_client *client, const char *draft_number,
                                                         const char *override_justification, const char *request_id,
                                                         uint32_t timeout_ms, Licit__V1__Document **document,
                                                         licit_error *error)
{
    Licit__V1__ImportAuthorizationRequest request = LICIT__V1__IMPORT_AUTHORIZATION_REQUEST__INIT;
    request.draft_number = text(draft_number);
    request.override_justification = text(override_justification);
    return licit_document_write(client, DOCUMENTS("IssueImportAuthorization"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_validate_import_authorization(licit_client *client,
                                                 const Licit__V1__ImportAuthorizationContent *content,
                                                 uint32_t timeout_ms, Licit__V1__ValidationResponse **response,
                                                 licit_error *error)
{
    Licit__V1__ImportAuthorizationRequest request = LICIT__V1__IMPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ImportAuthorizationContent *)content;
    return licit_unary(client, DOCUMENTS("ValidateImportAuthorization"), &request.base,
                       &licit__v1__validation_response__descriptor, timeout_ms, NULL, (ProtobufCMessage **)response,
                       error);
}

licit_result licit_draft_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__Document **document, licit_error *error)
{
    Licit__V1__ImportAuthorizationRequest request = LICIT__V1__IMPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ImportAuthorizationContent *)content;
    return licit_document_write(client, DOCUMENTS("DraftImportAuthorization"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_amend_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *override_justification, const char *request_id,
                                              uint32_t timeout_ms, Licit__V1__Document **document,
                                              licit_error *error)
{
    Licit__V1__ImportAuthorizationRequest request = LICIT__V1__IMPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ImportAuthorizationContent *)content;
    request.override_justification = text(override_justification);
    return licit_document_write(client, DOCUMENTS("AmendImportAuthorization"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_validate_export_authorization(licit_client *client,
                                                 const Licit__V1__ExportAuthorizationContent *content,
                                                 const char *emergency_justification, uint32_t timeout_ms,
                                                 Licit__V1__ValidationResponse **response, licit_error *error)
{
    Licit__V1__ExportAuthorizationRequest request = LICIT__V1__EXPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ExportAuthorizationContent *)content;
    request.emergency_justification = text(emergency_justification);
    return licit_unary(client, DOCUMENTS("ValidateExportAuthorization"), &request.base,
                       &licit__v1__validation_response__descriptor, timeout_ms, NULL, (ProtobufCMessage **)response,
                       error);
}

licit_result licit_issue_export_authorization(licit_client *client,
                                              const Licit__V1__ExportAuthorizationContent *content,
                                              const char *override_justification,
                                              const char *emergency_justification, const char *request_id,
                                              uint32_t timeout_ms, Licit__V1__Document **document,
                                              licit_error *error)
{
    Licit__V1__ExportAuthorizationRequest request = LICIT__V1__EXPORT_AUTHORIZATION_REQUEST__INIT;
    request.content = (Licit__V1__ExportAuthorizationContent *)content;
    request.override_justification = text(override_justification);
    request.emergency_justification = text(emergency_justification);
    return licit_document_write(client, DOCUMENTS("IssueExportAuthorization"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_record_exported(licit_client *client, const char *number, const int64_t *exported_mg,
                                   size_t line_count, const char *request_id, uint32_t timeout_ms,
                                   Licit__V1__Document **document, licit_error *error)
{
    Licit__V1__RecordExportedRequest request = LICIT__V1__RECORD_EXPORTED_REQUEST__INIT;
    request.number = text(number);
    request.exported_mg = (int64_t *)exported_mg;
    request.n_exported_mg = line_count;
    return licit_document_write(client, DOCUMENTS("RecordExportedQuantity"), &request.base, request_id,
                                timeout_ms, document, error);
}

licit_result licit_endorse(licit_client *client, const char *authority, const char *number,
                           const int64_t *imported_mg, size_t line_count, const char *request_id,
                           uint32_t timeout_ms, Licit__V1__Document **document, licit_error *error)
{
    Licit__V1__DocumentRef export_authorization = LICIT__V1__DOCUMENT_REF__INIT;
    export_authorization.authority = text(authority);
    export_authorization.number = text(number);
    Licit__V1__EndorseRequest request = LICIT__V1__ENDORSE_REQUEST__INIT;
    request.export_authorization = &export_authorization;
    request.imported_mg = (int64_t *)imported_mg;
    request.n_imported_mg = line_count;
    return licit_document_write(client, DOCUMENTS("Endorse"), &request.base, request_id, timeout_ms, document,
                                error);
}

licit_result licit_cancel(licit_client *client, const char *number, const char *reason, const char *authority,
                          const char *request_id, uint32_t timeout_ms, Licit__V1__Document **document,
                          licit_error *error)
{
    Licit__V1__CancelRequest request = LICIT__V1__CANCEL_REQUEST__INIT;
    request.number = text(number);
    request.reason = text(reason);
    request.authority = text(authority);
    return licit_document_write(client, DOCUMENTS("Cancel"), &request.base, request_id, timeout_ms, document,
                                error);
}

licit_result licit_record_paper_document(licit_client *client, const Licit__V1__PaperDocumentRequest *request,
                                        const char *request_id, uint32_t timeout_ms, Licit__V1__Document **document,
                                        licit_error *error)
{
    return licit_document_write(client, DOCUMENTS("RecordPaperDocument"), (const ProtobufCMessage *)&request->base,
                                request_id, timeout_ms, document, error);
}

licit_result licit_get_scan(licit_client *client, const char *authority, const char *number, int endorsement,
                            uint32_t timeout_ms, Licit__V1__ScanResponse **response, licit_error *error)
{
    Licit__V1__DocumentRef document = LICIT__V1__DOCUMENT_REF__INIT;
    document.authority = text(authority);
    document.number = text(number);
    Licit__V1__ScanRequest request = LICIT__V1__SCAN_REQUEST__INIT;
    request.document = &document;
    request.endorsement = endorsement != 0;
    return licit_unary(client, DOCUMENTS("GetScan"), &request.base, &licit__v1__scan_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_get_document(licit_client *client, const char *authority, const char *number,
                                uint32_t timeout_ms, Licit__V1__Document **document, licit_error *error)
{
    *document = NULL;
    Licit__V1__DocumentRef request = LICIT__V1__DOCUMENT_REF__INIT;
    request.authority = text(authority);
    request.number = text(number);
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, DOCUMENTS("GetDocument"), &request.base,
                                      &licit__v1__document_response__descriptor, timeout_ms, NULL, &answer, error);
    if (result != LICIT_OK) return result;
    Licit__V1__DocumentResponse *response = (Licit__V1__DocumentResponse *)answer;
    *document = response->document;
    response->document = NULL;
    licit__v1__document_response__free_unpacked(response, NULL);
    if (*document == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to GetDocument has no document");
    return LICIT_OK;
}

licit_result licit_get_history(licit_client *client, const char *authority, const char *number, uint32_t timeout_ms,
                               Licit__V1__HistoryResponse **response, licit_error *error)
{
    Licit__V1__DocumentRef request = LICIT__V1__DOCUMENT_REF__INIT;
    request.authority = text(authority);
    request.number = text(number);
    return licit_unary(client, DOCUMENTS("GetHistory"), &request.base, &licit__v1__history_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_list_documents(licit_client *client, const Licit__V1__ListDocumentsRequest *request,
                                  uint32_t timeout_ms, Licit__V1__ListDocumentsResponse **response,
                                  licit_error *error)
{
    Licit__V1__ListDocumentsRequest everything = LICIT__V1__LIST_DOCUMENTS_REQUEST__INIT;
    return licit_unary(client, DOCUMENTS("ListDocuments"), request ? &request->base : &everything.base,
                       &licit__v1__list_documents_response__descriptor, timeout_ms, NULL,
                       (ProtobufCMessage **)response, error);
}

licit_result licit_get_balances(licit_client *client, const char *country, uint32_t year, const char *substance,
                                uint32_t timeout_ms, Licit__V1__BalancesResponse **response, licit_error *error)
{
    Licit__V1__BalancesRequest request = LICIT__V1__BALANCES_REQUEST__INIT;
    request.country = text(country);
    request.year = year;
    request.substance = text(substance);
    return licit_unary(client, DOCUMENTS("GetBalances"), &request.base, &licit__v1__balances_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_get_seal_key(licit_client *client, uint32_t timeout_ms,
                                uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES], licit_error *error)
{
    /* GetSealKey ignores its request: an empty EchoRequest is the empty payload. */
    Licit__V1__EchoRequest request = LICIT__V1__ECHO_REQUEST__INIT;
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, DOCUMENTS("GetSealKey"), &request.base,
                                      &licit__v1__seal_key_response__descriptor, timeout_ms, NULL, &answer, error);
    if (result != LICIT_OK) return result;
    Licit__V1__SealKeyResponse *response = (Licit__V1__SealKeyResponse *)answer;
    if (response->public_key.len == LICIT_SEAL_PUBLIC_KEY_BYTES)
        memcpy(public_key, response->public_key.data, LICIT_SEAL_PUBLIC_KEY_BYTES);
    else
        result = licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's seal key is %zu bytes, not %d",
                            response->public_key.len, LICIT_SEAL_PUBLIC_KEY_BYTES);
    licit__v1__seal_key_response__free_unpacked(response, NULL);
    return result;
}

void licit_document_free(Licit__V1__Document *document)
{
    if (document != NULL) licit__v1__document__free_unpacked(document, NULL);
}

Licit__V1__ImportAuthorizationContent *licit_document_import_authorization(const Licit__V1__Document *document)
{
    if (document == NULL || document->kind != LICIT__V1__DOCUMENT_KIND__IMPORT_AUTHORIZATION) return NULL;
    return licit__v1__import_authorization_content__unpack(NULL, document->content.len, document->content.data);
}

Licit__V1__ExportAuthorizationContent *licit_document_export_authorization(const Licit__V1__Document *document)
{
    if (document == NULL || document->kind != LICIT__V1__DOCUMENT_KIND__EXPORT_AUTHORIZATION) return NULL;
    return licit__v1__export_authorization_content__unpack(NULL, document->content.len, document->content.data);
}
