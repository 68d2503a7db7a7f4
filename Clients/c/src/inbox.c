/* licit.v1.Inbox (PROTOCOL.md §15.5): listing, acknowledging and subscribing to events. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define INBOX(method) "licit.v1.Inbox/" method

struct licit_subscription {
    licit_call *call;
};

licit_result licit_list_events(licit_client *client, uint64_t after_sequence, uint32_t limit, uint32_t timeout_ms,
                               Licit__V1__ListEventsResponse **response, licit_error *error)
{
    Licit__V1__ListEventsRequest request = LICIT__V1__LIST_EVENTS_REQUEST__INIT;
    request.after_sequence = after_sequence;
    request.limit = limit;
    return licit_unary(client, INBOX("ListEvents"), &request.base, &licit__v1__list_events_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_acknowledge(licit_client *client, uint64_t through_sequence, const char *request_id,
                               uint32_t timeout_ms, uint64_t *acknowledged, licit_error *error)
{
    char fresh[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(fresh) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
        request_id = fresh;
    }
    Licit__V1__AcknowledgeRequest request = LICIT__V1__ACKNOWLEDGE_REQUEST__INIT;
    request.through_sequence = through_sequence;
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, INBOX("Acknowledge"), &request.base,
                                      &licit__v1__acknowledge_response__descriptor, timeout_ms, request_id,
                                      &answer, error);
    if (result != LICIT_OK) return result;
    if (acknowledged) *acknowledged = ((Licit__V1__AcknowledgeResponse *)answer)->acknowledged;
    protobuf_c_message_free_unpacked(answer, NULL);
    return LICIT_OK;
}

licit_result licit_subscribe_inbox(licit_client *client, int from_cursor, uint64_t after_sequence,
                                   uint32_t timeout_ms, licit_subscription **subscription, licit_error *error)
{
    *subscription = NULL;
    Licit__V1__SubscribeRequest request = LICIT__V1__SUBSCRIBE_REQUEST__INIT;
    request.from_cursor = from_cursor != 0;
    request.after_sequence = after_sequence;
    uint8_t payload[32];
    size_t size = licit__v1__subscribe_request__pack(&request, payload);
    licit_subscription *made = calloc(1, sizeof *made);
    licit_call *call = made ? calloc(1, sizeof *call) : NULL;
    if (call == NULL) {
        free(made);
        return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a subscription");
    }
    licit_copy_text(call->method, sizeof call->method, INBOX("Subscribe"));
    call->is_subscription = 1;
    /* Without a timeout the subscription runs until cancelled (PROTOCOL.md §7). */
    call->deadline_ms = timeout_ms ? licit_now_ms() + timeout_ms + LICIT_DEADLINE_GRACE_MS : 0;
    licit_result result = licit_call_begin(client, call, payload, size, timeout_ms, error);
    if (result != LICIT_OK) {
        free(call);
        free(made);
        return result;
    }
    made->call = call;
    *subscription = made;
    return LICIT_OK;
}

static licit_result take_event(licit_call *call, Licit__V1__InboxEvent **event, licit_error *error)
{
    licit_event_node *node = call->events_head;
    call->events_head = node->next;
    if (call->events_head == NULL) call->events_tail = NULL;
    call->events_queued--;
    *event = licit__v1__inbox_event__unpack(NULL, node->payload_size, node->payload);
    free(node->payload);
    free(node);
    if (*event == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "an inbox event's payload is not a valid InboxEvent");
    return LICIT_OK;
}

licit_result licit_subscription_next(licit_client *client, licit_subscription *subscription, uint32_t wait_ms,
                                     Licit__V1__InboxEvent **event, licit_error *error)
{
    (void)client;
    *event = NULL;
    licit_call *call = subscription->call;
    uint64_t until = licit_now_ms() + wait_ms;
    for (;;) {
        if (call->events_head != NULL) return take_event(call, event, error);
        if (call->phase == LICIT_CALL_DONE) {
            if (call->outcome.result == LICIT_OK)
                return licit_fail(error, LICIT_END, "the exchange ended the subscription");
            if (error) *error = call->outcome;
            return call->outcome.result;
        }
        uint64_t now = licit_now_ms();
        if (call->deadline_ms != 0 && now >= call->deadline_ms) {
            licit_error outcome;
            licit_fail(&outcome, LICIT_DEADLINE_EXCEEDED, "the subscription's deadline passed");
            licit_connection_cancel(call->connection, call, &outcome);
            continue;
        }
        if (now >= until) return licit_fail(error, LICIT_TIMED_OUT, "no event within %u ms", wait_ms);
        uint64_t wait = until - now;
        if (call->deadline_ms != 0 && call->deadline_ms - now < wait) wait = call->deadline_ms - now;
        licit_connection_pump(call->connection, wait);
    }
}

void licit_subscription_close(licit_client *client, licit_subscription *subscription)
{
    if (subscription == NULL) return;
    licit_call_free(client, subscription->call);
    free(subscription);
}
