/* One TLS connection to the exchange: frame I/O, and the calls open on it (PROTOCOL.md §5–§10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define READ_CHUNK_BYTES 16384

licit_connection *licit_connection_new(licit_transport transport, const licit_config *config)
{
    licit_connection *connection = calloc(1, sizeof *connection);
    if (connection == NULL) return NULL;
    connection->transport = transport;
    connection->next_call_id = 1;
    connection->max_send_bytes = config->max_frame_bytes;
    connection->max_receive_bytes = config->max_frame_bytes;
    connection->max_calls_in_flight = 256;
    connection->keepalive_interval_ms = config->keepalive_interval_ms;
    connection->opened_ms = connection->last_write_ms = licit_now_ms();
    return connection;
}

int licit_connection_usable(const licit_connection *connection)
{
    return !connection->closed && !connection->retired;
}

static void unlink_call(licit_connection *connection, licit_call *call)
{
    for (licit_call **at = &connection->open_calls; *at != NULL; at = &(*at)->next_open) {
        if (*at == call) {
            *at = call->next_open;
            call->next_open = NULL;
            connection->open_count--;
            return;
        }
    }
}

static licit_call *find_open(licit_connection *connection, uint64_t call_id)
{
    for (licit_call *call = connection->open_calls; call != NULL; call = call->next_open)
        if (call->call_id == call_id) return call;
    return NULL;
}

void licit_connection_lost(licit_connection *connection, const licit_error *reason)
{
    if (connection->closed) return;
    connection->closed = 1;
    connection->why_closed = *reason;
    if (connection->goaway_note[0] != '\0') {
        /* The calls that end now learn why the exchange closed: the GoAway before the close. */
        licit_error *why = &connection->why_closed;
        size_t used = strlen(why->message);
        snprintf(why->message + used, sizeof why->message - used, " (after %s)", connection->goaway_note);
    }
    reason = &connection->why_closed;
    licit_transport_close(&connection->transport);
    while (connection->open_calls != NULL) {
        licit_call *call = connection->open_calls;
        unlink_call(connection, call);
        licit_call_lost(call, reason);
    }
}

static void lose(licit_connection *connection, licit_error *reason)
{
    licit_connection_lost(connection, reason);
}

/* Connection-level frames (Ping, Pong, Cancel) are a few bytes: never over any limit. */
static void queue_frame(licit_connection *connection, const Licit__V1__Frame *frame)
{
    licit_error error;
    if (licit_frame_write(frame, UINT32_MAX, &connection->out, &error) != LICIT_OK) lose(connection, &error);
}

static void flush(licit_connection *connection)
{
    while (!connection->closed && licit_buffer_length(&connection->out) > 0) {
        licit_error error;
        long written = licit_transport_write(&connection->transport, licit_buffer_bytes(&connection->out),
                                             licit_buffer_length(&connection->out), &error);
        if (written < 0) {
            lose(connection, &error);
            return;
        }
        if (written == 0) return;
        licit_buffer_consume(&connection->out, (size_t)written);
        connection->last_write_ms = licit_now_ms();
    }
}

static void send_ping_if_quiet(licit_connection *connection)
{
    uint64_t now = licit_now_ms();
    if (connection->keepalive_interval_ms == 0 ||
        now - connection->last_write_ms < connection->keepalive_interval_ms ||
        licit_buffer_length(&connection->out) > 0)
        return;
    Licit__V1__Ping ping = LICIT__V1__PING__INIT;
    ping.opaque = now;
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.kind_case = LICIT__V1__FRAME__KIND_PING;
    frame.ping = &ping;
    queue_frame(connection, &frame);
    /* Counts as writing even before the bytes leave, so one quiet spell sends one ping. */
    connection->last_write_ms = now;
}

static void answer_ping(licit_connection *connection, const Licit__V1__Ping *ping)
{
    Licit__V1__Pong pong = LICIT__V1__PONG__INIT;
    pong.opaque = ping ? ping->opaque : 0;
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.kind_case = LICIT__V1__FRAME__KIND_PONG;
    frame.pong = &pong;
    queue_frame(connection, &frame);
}

static void goaway_received(licit_connection *connection, const Licit__V1__GoAway *goaway)
{
    uint64_t last_call_id = goaway ? goaway->last_call_id : 0;
    connection->retired = 1;
    const Licit__V1__Status *status = goaway ? goaway->status : NULL;
    if (status != NULL && status->code != LICIT__V1__STATUS_CODE__OK)
        snprintf(connection->goaway_note, sizeof connection->goaway_note, "GoAway %s/%s: %s",
                 licit_status_code_name((licit_status_code)status->code), status->reason ? status->reason : "",
                 status->message ? status->message : "");
    licit_error not_processed;
    licit_fail(&not_processed, LICIT_UNAVAILABLE,
               "the exchange did not process the call (GoAway %s/%s); it was not processed and "
               "may be sent again on a new connection",
               licit_status_code_name(goaway && goaway->status ? (licit_status_code)goaway->status->code
                                                               : LICIT_STATUS_OK),
               goaway && goaway->status && goaway->status->reason ? goaway->status->reason : "");
    not_processed.not_sent = 1;
    licit_error resubscribe;
    licit_fail(&resubscribe, LICIT_UNAVAILABLE,
               "the exchange is closing this connection (GoAway): subscribe again, from the cursor");
    licit_call *call = connection->open_calls;
    while (call != NULL) {
        licit_call *next = call->next_open;
        if (call->call_id > last_call_id) {
            /* Never processed (PROTOCOL.md §10): safe to send again on a new connection. */
            unlink_call(connection, call);
            licit_error outcome = not_processed;
            licit_error_set_request_id(&outcome, call->request_id);
            licit_call_finish(call, &outcome, NULL, 0);
        } else if (call->is_subscription) {
            /* A subscription would hold a draining connection open until the drain timeout:
             * end it now (its queued events stay readable), so it resumes on a new connection. */
            licit_connection_cancel(connection, call, &resubscribe);
        }
        call = next;
    }
}

static void event_received(licit_connection *connection, licit_call *call, Licit__V1__Event *event)
{
    if (!call->is_subscription) return;
    licit_event_node *node = calloc(1, sizeof *node);
    if (node == NULL || call->events_queued >= LICIT_MAX_QUEUED_EVENTS) {
        free(node);
        licit_error outcome;
        licit_fail(&outcome, node == NULL ? LICIT_NO_MEMORY : LICIT_UNAVAILABLE,
                   "the subscription was ended: %d events arrived unread", LICIT_MAX_QUEUED_EVENTS);
        licit_connection_cancel(connection, call, &outcome);
        return;
    }
    node->sequence = event->sequence;
    /* Take the payload from the decoded frame rather than copying it. */
    node->payload = event->payload.data;
    node->payload_size = event->payload.len;
    event->payload.data = NULL;
    event->payload.len = 0;
    if (call->events_tail) call->events_tail->next = node;
    else call->events_head = node;
    call->events_tail = node;
    call->events_queued++;
}

static void dispatch(licit_connection *connection, Licit__V1__Frame *frame)
{
    licit_call *call;
    switch (frame->kind_case) {
    case LICIT__V1__FRAME__KIND_RESPONSE:
        call = find_open(connection, frame->call_id);
        if (call == NULL) return; /* a call we gave up on */
        unlink_call(connection, call);
        licit_call_answered(call, frame->response);
        return;
    case LICIT__V1__FRAME__KIND_EVENT:
        call = find_open(connection, frame->call_id);
        if (call != NULL) event_received(connection, call, frame->event);
        return;
    case LICIT__V1__FRAME__KIND_PING:
        answer_ping(connection, frame->ping);
        return;
    case LICIT__V1__FRAME__KIND_GOAWAY:
        goaway_received(connection, frame->goaway);
        return;
    case LICIT__V1__FRAME__KIND_REQUEST:
    case LICIT__V1__FRAME__KIND_CANCEL: {
        licit_error error;
        licit_fail(&error, LICIT_PROTOCOL_ERROR, "the exchange sent a frame a server may not send");
        lose(connection, &error);
        return;
    }
    default:
        return; /* a Pong, or a frame kind added to v1 after this client: ignored (§1) */
    }
}

/* Reads what has arrived and handles every complete frame. Returns 1 when anything arrived. */
static int read_available(licit_connection *connection)
{
    int progressed = 0;
    while (!connection->closed) {
        licit_error error;
        if (licit_buffer_reserve(&connection->in, READ_CHUNK_BYTES) != 0) {
            licit_fail(&error, LICIT_NO_MEMORY, "out of memory reading from the exchange");
            lose(connection, &error);
            return progressed;
        }
        long got = licit_transport_read(&connection->transport, connection->in.data + connection->in.end,
                                        READ_CHUNK_BYTES, &error);
        if (got < 0) {
            lose(connection, &error);
            return progressed;
        }
        if (got == 0) return progressed;
        connection->in.end += (size_t)got;
        progressed = 1;
        Licit__V1__Frame *frame = NULL;
        int taken;
        while (!connection->closed &&
               (taken = licit_frame_read(&connection->in, connection->max_receive_bytes, &frame, &error)) != 0) {
            if (taken < 0) {
                lose(connection, &error);
                return progressed;
            }
            dispatch(connection, frame);
            licit__v1__frame__free_unpacked(frame, NULL);
        }
    }
    return progressed;
}

void licit_connection_pump(licit_connection *connection, uint64_t wait_ms)
{
    if (connection->closed) return;
    send_ping_if_quiet(connection);
    flush(connection);
    if (read_available(connection) || connection->closed) return;
    uint64_t until_ping = connection->keepalive_interval_ms;
    if (until_ping > 0) {
        uint64_t quiet = licit_now_ms() - connection->last_write_ms;
        until_ping = quiet >= until_ping ? 0 : until_ping - quiet;
        if (until_ping < wait_ms) wait_ms = until_ping;
    }
    licit_transport_wait(&connection->transport, licit_buffer_length(&connection->out) > 0, wait_ms);
    flush(connection);
    read_available(connection);
}

licit_result licit_connection_start(licit_connection *connection, licit_call *call,
                                    const uint8_t *payload, size_t payload_size,
                                    uint32_t timeout_ms, licit_error *error)
{
    if (!licit_connection_usable(connection)) {
        licit_fail(error, LICIT_UNAVAILABLE, "the connection is closing; the request was not sent");
        if (error) error->not_sent = 1;
        return LICIT_UNAVAILABLE;
    }
    Licit__V1__Request request = LICIT__V1__REQUEST__INIT;
    request.method = call->method;
    request.timeout_ms = timeout_ms;
    request.request_id = call->request_id;
    request.payload.data = (uint8_t *)payload;
    request.payload.len = payload_size;
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.call_id = connection->next_call_id;
    frame.kind_case = LICIT__V1__FRAME__KIND_REQUEST;
    frame.request = &request;
    licit_result result = licit_frame_write(&frame, connection->max_send_bytes, &connection->out, error);
    if (result != LICIT_OK) {
        licit_error_set_request_id(error, call->request_id);
        return result;
    }
    call->call_id = connection->next_call_id++;
    call->connection = connection;
    call->phase = LICIT_CALL_OPEN;
    call->next_open = connection->open_calls;
    connection->open_calls = call;
    connection->open_count++;
    flush(connection);
    return LICIT_OK;
}

void licit_connection_cancel(licit_connection *connection, licit_call *call, const licit_error *outcome)
{
    unlink_call(connection, call);
    licit_call_finish(call, outcome, NULL, 0);
    if (connection->closed) return;
    Licit__V1__Cancel cancel = LICIT__V1__CANCEL__INIT;
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.call_id = call->call_id;
    frame.kind_case = LICIT__V1__FRAME__KIND_CANCEL;
    frame.cancel = &cancel;
    queue_frame(connection, &frame);
    flush(connection);
}

void licit_connection_free(licit_connection *connection)
{
    if (connection == NULL) return;
    licit_error closing;
    licit_fail(&closing, LICIT_UNAVAILABLE, "the client closed its connection");
    licit_connection_lost(connection, &closing);
    licit_buffer_free(&connection->in);
    licit_buffer_free(&connection->out);
    free(connection);
}
