/* Calls: starting, waiting with a deadline, and what their outcome means (PROTOCOL.md §7, §13). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NOT_SENT_ATTEMPTS 3

void licit_call_finish(licit_call *call, const licit_error *outcome, uint8_t *payload, size_t payload_size)
{
    call->phase = LICIT_CALL_DONE;
    call->connection = NULL;
    if (outcome != NULL) call->outcome = *outcome;
    else memset(&call->outcome, 0, sizeof call->outcome);
    licit_error_set_request_id(&call->outcome, call->request_id);
    call->payload = payload;
    call->payload_size = payload_size;
}

void licit_call_answered(licit_call *call, Licit__V1__Response *response)
{
    const Licit__V1__Status *status = response ? response->status : NULL;
    licit_status_code code = status ? (licit_status_code)status->code : LICIT_STATUS_OK;
    if (code == LICIT_STATUS_OK) {
        /* Take the payload from the decoded frame rather than copying it. */
        uint8_t *payload = response ? response->payload.data : NULL;
        size_t size = response ? response->payload.len : 0;
        if (response) response->payload.data = NULL, response->payload.len = 0;
        licit_call_finish(call, NULL, payload, size);
        return;
    }
    int is_write = call->request_id[0] != '\0' && !call->is_subscription;
    licit_result result = LICIT_REJECTED;
    if (is_write && (code == LICIT_STATUS_DEADLINE_EXCEEDED || code == LICIT_STATUS_CANCELLED))
        result = LICIT_INDETERMINATE; /* stopped, perhaps after the write was applied */
    else if (code == LICIT_STATUS_DEADLINE_EXCEEDED)
        result = LICIT_DEADLINE_EXCEEDED;
    else if (code == LICIT_STATUS_CANCELLED)
        result = LICIT_CANCELLED;
    licit_error outcome;
    licit_fail(&outcome, result, "%s", "");
    licit_error_set_status(&outcome, status);
    /* UNAVAILABLE / draining: not processed, safe to send on a new connection (§10.1). */
    outcome.not_sent = code == LICIT_STATUS_UNAVAILABLE && outcome.reason == LICIT_REASON_DRAINING;
    if (outcome.not_sent) outcome.result = LICIT_UNAVAILABLE;
    licit_call_finish(call, &outcome, NULL, 0);
}

void licit_call_lost(licit_call *call, const licit_error *reason)
{
    licit_error outcome;
    if (call->request_id[0] != '\0' && !call->is_subscription)
        licit_fail(&outcome, LICIT_INDETERMINATE,
                   "the connection ended before the exchange answered (%s); the write may or may "
                   "not have been applied: retry it with the same request id",
                   reason->message);
    else
        licit_fail(&outcome, LICIT_UNAVAILABLE,
                   "the connection ended before the exchange answered (%s)", reason->message);
    licit_call_finish(call, &outcome, NULL, 0);
}

void licit_call_release_events(licit_call *call)
{
    while (call->events_head != NULL) {
        licit_event_node *node = call->events_head;
        call->events_head = node->next;
        free(node->payload);
        free(node);
    }
    call->events_tail = NULL;
    call->events_queued = 0;
}

static void deadline_passed(licit_call *call)
{
    licit_error outcome;
    if (call->request_id[0] != '\0' && !call->is_subscription)
        licit_fail(&outcome, LICIT_INDETERMINATE,
                   "the deadline passed before the exchange answered %s; the write may or may not "
                   "have been applied: retry it with the same request id",
                   call->method);
    else
        licit_fail(&outcome, LICIT_DEADLINE_EXCEEDED,
                   "the deadline passed before the exchange answered %s", call->method);
    licit_connection_cancel(call->connection, call, &outcome);
}

void licit_call_await(licit_call *call)
{
    while (call->phase == LICIT_CALL_OPEN) {
        uint64_t now = licit_now_ms();
        if (call->deadline_ms != 0 && now >= call->deadline_ms) {
            deadline_passed(call);
            return;
        }
        licit_connection_pump(call->connection, call->deadline_ms ? call->deadline_ms - now : 1000);
    }
}

licit_result licit_call_begin(licit_client *client, licit_call *call, const uint8_t *payload,
                              size_t payload_size, uint32_t wire_timeout_ms, licit_error *error)
{
    uint64_t deadline = call->deadline_ms ? call->deadline_ms : licit_client_deadline(client, 0);
    licit_connection *connection;
    licit_result result = licit_client_connection(client, deadline, &connection, error);
    if (result != LICIT_OK) return result;
    /* Keep at most max_calls_in_flight open (§16.7): wait for answers to free a place. */
    while (licit_connection_usable(connection) && connection->open_count >= connection->max_calls_in_flight &&
           licit_now_ms() < deadline)
        licit_connection_pump(connection, deadline - licit_now_ms());
    if (connection->open_count >= connection->max_calls_in_flight) {
        licit_fail(error, LICIT_UNAVAILABLE,
                   "%u calls were still in flight at the deadline; the request was not sent",
                   connection->max_calls_in_flight);
        if (error) error->not_sent = 1;
        return LICIT_UNAVAILABLE;
    }
    return licit_connection_start(connection, call, payload, payload_size, wire_timeout_ms, error);
}

static licit_result prepare(licit_call **made, const char *method, const char *request_id,
                            licit_error *error)
{
    *made = NULL;
    if (method == NULL || method[0] == '\0' || strlen(method) >= sizeof((licit_call *)0)->method)
        return licit_fail(error, LICIT_INVALID_REQUEST, "the method name is missing or too long");
    if (request_id != NULL && request_id[0] != '\0' && !licit_request_id_valid(request_id))
        return licit_fail(error, LICIT_INVALID_REQUEST,
                          "the request id \"%.80s\" is not 1 to 64 characters of A-Z a-z 0-9 . _ : -",
                          request_id);
    licit_call *call = calloc(1, sizeof *call);
    if (call == NULL) return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a call");
    licit_copy_text(call->method, sizeof call->method, method);
    licit_copy_text(call->request_id, sizeof call->request_id, request_id);
    *made = call;
    return LICIT_OK;
}

licit_result licit_call_start(licit_client *client, const char *method, const uint8_t *payload,
                              size_t payload_size, uint32_t timeout_ms, const char *request_id,
                              licit_call **call, licit_error *error)
{
    licit_result result = prepare(call, method, request_id, error);
    if (result != LICIT_OK) return result;
    uint32_t timeout = timeout_ms ? timeout_ms : client->config.default_timeout_ms;
    (*call)->deadline_ms = licit_client_deadline(client, timeout) + LICIT_DEADLINE_GRACE_MS;
    result = licit_call_begin(client, *call, payload, payload_size, timeout, error);
    if (result != LICIT_OK) {
        free(*call);
        *call = NULL;
    }
    return result;
}

licit_result licit_call_wait(licit_client *client, licit_call *call, uint8_t **payload,
                             size_t *payload_size, licit_error *error)
{
    (void)client;
    licit_call_await(call);
    if (payload) *payload = NULL;
    if (payload_size) *payload_size = 0;
    if (error) *error = call->outcome;
    if (call->outcome.result != LICIT_OK) return call->outcome.result;
    if (payload) {
        *payload = call->payload;
        call->payload = NULL;
    }
    if (payload_size) *payload_size = call->payload_size;
    return LICIT_OK;
}

void licit_call_free(licit_client *client, licit_call *call)
{
    (void)client;
    if (call == NULL) return;
    if (call->phase == LICIT_CALL_OPEN && call->connection != NULL) {
        licit_error outcome;
        licit_fail(&outcome, LICIT_CANCELLED, "the call was freed before its answer");
        licit_connection_cancel(call->connection, call, &outcome);
    }
    licit_call_release_events(call);
    free(call->payload);
    free(call);
}

licit_result licit_invoke(licit_client *client, const char *method, const uint8_t *payload,
                        size_t payload_size, uint32_t timeout_ms, const char *request_id,
                        uint8_t **response, size_t *response_size, licit_error *error)
{
    uint32_t timeout = timeout_ms ? timeout_ms : client->config.default_timeout_ms;
    uint64_t deadline = licit_client_deadline(client, timeout);
    licit_result result = LICIT_UNAVAILABLE;
    for (int attempt = 1; attempt <= NOT_SENT_ATTEMPTS; attempt++) {
        uint64_t now = licit_now_ms();
        uint32_t left = deadline > now ? (uint32_t)(deadline - now) : 1;
        licit_call *call;
        result = licit_call_start(client, method, payload, payload_size, left, request_id, &call, error);
        if (result != LICIT_OK) return result;
        result = licit_call_wait(client, call, response, response_size, error);
        int again = result == LICIT_UNAVAILABLE && call->outcome.not_sent && licit_now_ms() < deadline;
        licit_call_free(client, call);
        /* Never processed by the exchange: the same request goes on a new connection. */
        if (!again) return result;
    }
    return result;
}
