/* licit.v1.Notifications (PROTOCOL.md §15.10): webhooks and e-mail addresses for an inbox. */
#include "internal.h"

#define NOTIFICATIONS(method) "licit.v1.Notifications/" method

static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

/* Takes the target out of a NotificationTargetResponse, which it frees. */
static licit_result take_target(licit_result result, ProtobufCMessage *answer, const char *method,
                                Licit__V1__NotificationTarget **target, licit_error *error)
{
    if (result != LICIT_OK) return result;
    Licit__V1__NotificationTargetResponse *response = (Licit__V1__NotificationTargetResponse *)answer;
    *target = response->target;
    response->target = NULL;
    licit__v1__notification_target_response__free_unpacked(response, NULL);
    if (*target == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to %s has no target", method);
    return LICIT_OK;
}

static licit_result write_call(licit_client *client, const char *method, const ProtobufCMessage *request,
                               const char *request_id, uint32_t timeout_ms, Licit__V1__NotificationTarget **target,
                               licit_error *error)
{
    *target = NULL;
    char fresh[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(fresh) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
        request_id = fresh;
    }
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, method, request, &licit__v1__notification_target_response__descriptor,
                                      timeout_ms, request_id, &answer, error);
    return take_target(result, answer, method, target, error);
}

static licit_result register_target(licit_client *client, const char *channel, const char *address,
                                    const char *secret, const char *const *kinds, size_t kind_count,
                                    const char *request_id, uint32_t timeout_ms,
                                    Licit__V1__NotificationTarget **target, licit_error *error)
{
    *target = NULL;
    if (kind_count > 0 && kinds == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST, "kind_count is %zu but kinds is NULL", kind_count);
    for (size_t i = 0; i < kind_count; i++)
        if (kinds[i] == NULL) return licit_fail(error, LICIT_INVALID_REQUEST, "kinds[%zu] is NULL", i);
    Licit__V1__RegisterNotificationRequest request = LICIT__V1__REGISTER_NOTIFICATION_REQUEST__INIT;
    request.channel = (char *)channel;
    request.address = text(address);
    request.secret = text(secret);
    request.n_kinds = kind_count;
    request.kinds = (char **)kinds; /* only read, to pack the request */
    return write_call(client, NOTIFICATIONS("Register"), &request.base, request_id, timeout_ms, target, error);
}

licit_result licit_register_webhook(licit_client *client, const char *url, const char *secret,
                                    const char *const *kinds, size_t kind_count, const char *request_id,
                                    uint32_t timeout_ms, Licit__V1__NotificationTarget **target, licit_error *error)
{
    return register_target(client, "webhook", url, secret, kinds, kind_count, request_id, timeout_ms, target, error);
}

licit_result licit_register_email(licit_client *client, const char *address, const char *const *kinds,
                                  size_t kind_count, const char *request_id, uint32_t timeout_ms,
                                  Licit__V1__NotificationTarget **target, licit_error *error)
{
    return register_target(client, "email", address, "", kinds, kind_count, request_id, timeout_ms, target, error);
}

licit_result licit_list_notification_targets(licit_client *client, uint32_t timeout_ms,
                                             Licit__V1__ListNotificationsResponse **response, licit_error *error)
{
    Licit__V1__ListNotificationsRequest request = LICIT__V1__LIST_NOTIFICATIONS_REQUEST__INIT;
    return licit_unary(client, NOTIFICATIONS("List"), &request.base,
                       &licit__v1__list_notifications_response__descriptor, timeout_ms, NULL,
                       (ProtobufCMessage **)response, error);
}

licit_result licit_remove_notification_target(licit_client *client, const char *id, const char *request_id,
                                              uint32_t timeout_ms, Licit__V1__NotificationTarget **target,
                                              licit_error *error)
{
    Licit__V1__RemoveNotificationRequest request = LICIT__V1__REMOVE_NOTIFICATION_REQUEST__INIT;
    request.id = text(id);
    return write_call(client, NOTIFICATIONS("Remove"), &request.base, request_id, timeout_ms, target, error);
}
