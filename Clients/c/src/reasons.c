/* The reasons this library knows by name; any other reads as LICIT_REASON_OTHER. */
#include <string.h>

#include "internal.h"

static const struct {
    licit_reason reason;
    const char *text;
} known_reasons[] = {
    {LICIT_REASON_HELLO_REQUIRED, "hello_required"},
    {LICIT_REASON_UNSUPPORTED_PROTOCOL_VERSION, "unsupported_protocol_version"},
    {LICIT_REASON_UNKNOWN_METHOD, "unknown_method"},
    {LICIT_REASON_ROLE_NOT_PERMITTED, "role_not_permitted"},
    {LICIT_REASON_REQUEST_ID_REQUIRED, "request_id_required"},
    {LICIT_REASON_INVALID_REQUEST_ID, "invalid_request_id"},
    {LICIT_REASON_TOO_MANY_CALLS_IN_FLIGHT, "too_many_calls_in_flight"},
    {LICIT_REASON_MALFORMED_PAYLOAD, "malformed_payload"},
    {LICIT_REASON_DEADLINE_EXCEEDED, "deadline_exceeded"},
    {LICIT_REASON_CANCELLED, "cancelled"},
    {LICIT_REASON_DRAINING, "draining"},
    {LICIT_REASON_INTERNAL_ERROR, "internal_error"},
    {LICIT_REASON_SHUTTING_DOWN, "shutting_down"},
    {LICIT_REASON_FRAME_TOO_LARGE, "frame_too_large"},
    {LICIT_REASON_ZERO_LENGTH_FRAME, "zero_length_frame"},
    {LICIT_REASON_TRUNCATED_FRAME, "truncated_frame"},
    {LICIT_REASON_UNDECODABLE_FRAME, "undecodable_frame"},
    {LICIT_REASON_INVALID_CALL_ID, "invalid_call_id"},
    {LICIT_REASON_DUPLICATE_CALL_ID, "duplicate_call_id"},
    {LICIT_REASON_UNEXPECTED_FRAME_KIND, "unexpected_frame_kind"},
    {LICIT_REASON_EMPTY_FRAME, "empty_frame"},
    {LICIT_REASON_TOO_MANY_CONNECTIONS, "too_many_connections"},
    {LICIT_REASON_CERTIFICATE_REVOKED, "certificate_revoked"},
    {LICIT_REASON_REQUEST_ID_REUSED, "request_id_reused"},
    {LICIT_REASON_DOCUMENT_NOT_FOUND, "document_not_found"},
    {LICIT_REASON_DRAFT_NOT_FOUND, "draft_not_found"},
    {LICIT_REASON_DUPLICATE_NUMBER, "duplicate_number"},
    {LICIT_REASON_INVALID_NUMBER, "invalid_number"},
    {LICIT_REASON_INVALID_DATE, "invalid_date"},
    {LICIT_REASON_INVALID_PERIOD, "invalid_period"},
    {LICIT_REASON_INVALID_LINES, "invalid_lines"},
    {LICIT_REASON_INVALID_TRANSITION, "invalid_transition"},
    {LICIT_REASON_MISSING_FIELD, "missing_field"},
    {LICIT_REASON_FIELD_TOO_LONG, "field_too_long"},
    {LICIT_REASON_UNKNOWN_FORM, "unknown_form"},
    {LICIT_REASON_UNKNOWN_TRADER, "unknown_trader"},
    {LICIT_REASON_UNKNOWN_COUNTRY, "unknown_country"},
    {LICIT_REASON_SAME_COUNTRY, "same_country"},
    {LICIT_REASON_NON_POSITIVE_QUANTITY, "non_positive_quantity"},
    {LICIT_REASON_OVER_ESTIMATE, "over_estimate"},
    {LICIT_REASON_OVER_ASSESSMENT, "over_assessment"},
    {LICIT_REASON_NO_ESTIMATE, "no_estimate"},
    {LICIT_REASON_IA_EXPIRED, "ia_expired"},
    {LICIT_REASON_IA_NOT_USABLE, "ia_not_usable"},
    {LICIT_REASON_CITATION_REQUIRED, "citation_required"},
    {LICIT_REASON_CITATION_MISMATCH, "citation_mismatch"},
    {LICIT_REASON_PERIOD_OUTSIDE_IA, "period_outside_ia"},
    {LICIT_REASON_SINGLE_CONSIGNMENT_USED, "single_consignment_used"},
    {LICIT_REASON_SUBSTANCE_NOT_ON_IA, "substance_not_on_ia"},
    {LICIT_REASON_OVER_REMAINING_IA, "over_remaining_ia"},
    {LICIT_REASON_IMPORT_PROHIBITED, "import_prohibited"},
    {LICIT_REASON_ENDORSEMENT_EXCEEDS_EXPORT, "endorsement_exceeds_export"},
    {LICIT_REASON_EXPORTED_EXCEEDS_AUTHORIZED, "exported_exceeds_authorized"},
    {LICIT_REASON_NOT_THE_IMPORTING_AUTHORITY, "not_the_importing_authority"},
    {LICIT_REASON_OTHER_COUNTRY_BALANCE, "other_country_balance"},
    {LICIT_REASON_UNKNOWN_EVENT, "unknown_event"},
    {LICIT_REASON_STORAGE_UNAVAILABLE, "storage_unavailable"},
};

licit_reason licit_reason_from_text(const char *text)
{
    if (text == NULL || text[0] == '\0') return LICIT_REASON_NONE;
    for (size_t i = 0; i < sizeof known_reasons / sizeof known_reasons[0]; i++)
        if (strcmp(known_reasons[i].text, text) == 0) return known_reasons[i].reason;
    return LICIT_REASON_OTHER;
}

const char *licit_reason_text(licit_reason reason)
{
    for (size_t i = 0; i < sizeof known_reasons / sizeof known_reasons[0]; i++)
        if (known_reasons[i].reason == reason) return known_reasons[i].text;
    return "";
}
