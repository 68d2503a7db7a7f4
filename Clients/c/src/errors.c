/* Filling in licit_error, and the names of results and status codes. */
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void licit_copy_text(char *destination, size_t size, const char *source)
{
    if (size == 0) return;
    snprintf(destination, size, "%s", source ? source : "");
}

licit_result licit_fail(licit_error *error, licit_result result, const char *format, ...)
{
    if (error == NULL) return result;
    memset(error, 0, sizeof *error);
    error->result = result;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(error->message, sizeof error->message, format, arguments);
    va_end(arguments);
    return result;
}

void licit_error_set_status(licit_error *error, const Licit__V1__Status *status)
{
    if (error == NULL) return;
    if (status == NULL) {
        error->code = LICIT_STATUS_OK;
        return;
    }
    error->code = (licit_status_code)status->code;
    licit_copy_text(error->reason_text, sizeof error->reason_text, status->reason);
    error->reason = licit_reason_from_text(status->reason);
    if (status->message != NULL && status->message[0] != '\0')
        licit_copy_text(error->message, sizeof error->message, status->message);
    error->detail_count = 0;
    for (size_t i = 0; i < status->n_details && i < LICIT_ERROR_MAX_DETAILS; i++) {
        licit_copy_text(error->details[i].key, sizeof error->details[i].key, status->details[i]->key);
        licit_copy_text(error->details[i].value, sizeof error->details[i].value,
                        status->details[i]->value);
        error->detail_count++;
    }
}

void licit_error_set_request_id(licit_error *error, const char *request_id)
{
    if (error != NULL) licit_copy_text(error->request_id, sizeof error->request_id, request_id);
}

void licit_error_append_openssl(licit_error *error)
{
    unsigned long code;
    while ((code = ERR_get_error()) != 0) {
        if (error == NULL) continue;
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        size_t used = strlen(error->message);
        if (used + 3 < sizeof error->message)
            snprintf(error->message + used, sizeof error->message - used, " (%s)", text);
    }
}

const char *licit_error_detail(const licit_error *error, const char *key)
{
    for (size_t i = 0; i < error->detail_count; i++)
        if (strcmp(error->details[i].key, key) == 0) return error->details[i].value;
    return NULL;
}

const char *licit_result_name(licit_result result)
{
    switch (result) {
    case LICIT_OK: return "ok";
    case LICIT_REJECTED: return "rejected";
    case LICIT_INDETERMINATE: return "indeterminate";
    case LICIT_UNAVAILABLE: return "unavailable";
    case LICIT_DEADLINE_EXCEEDED: return "deadline exceeded";
    case LICIT_CANCELLED: return "cancelled";
    case LICIT_INVALID_REQUEST: return "invalid request";
    case LICIT_PROTOCOL_ERROR: return "protocol error";
    case LICIT_NO_MEMORY: return "out of memory";
    case LICIT_TIMED_OUT: return "timed out";
    case LICIT_END: return "end";
    }
    return "unknown result";
}

const char *licit_status_code_name(licit_status_code code)
{
    static const char *const names[] = {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
        "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
        "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    };
    /* An unknown number is handled like UNKNOWN (PROTOCOL.md §1). */
    if ((unsigned)code >= sizeof names / sizeof names[0]) return "UNKNOWN";
    return names[code];
}
