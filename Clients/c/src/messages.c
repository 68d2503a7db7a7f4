/* The typed calls' plumbing: protobuf-c messages in and out of licit_invoke(). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

licit_result licit_unary(licit_client *client, const char *method, const ProtobufCMessage *request,
                         const ProtobufCMessageDescriptor *response_descriptor, uint32_t timeout_ms,
                         const char *request_id, ProtobufCMessage **response, licit_error *error)
{
    *response = NULL;
    size_t size = protobuf_c_message_get_packed_size(request);
    uint8_t *payload = malloc(size ? size : 1);
    if (payload == NULL) return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a %zu-byte request", size);
    protobuf_c_message_pack(request, payload);
    uint8_t *answer = NULL;
    size_t answer_size = 0;
    licit_result result =
        licit_invoke(client, method, payload, size, timeout_ms, request_id, &answer, &answer_size, error);
    free(payload);
    if (result != LICIT_OK) return result;
    *response = protobuf_c_message_unpack(response_descriptor, NULL, answer_size, answer);
    free(answer);
    if (*response == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to %s is not a valid %s", method,
                          response_descriptor->name);
    return LICIT_OK;
}

licit_result licit_unary_write(licit_client *client, const char *method, const ProtobufCMessage *request,
                               const ProtobufCMessageDescriptor *response_descriptor, const char *request_id,
                               uint32_t timeout_ms, ProtobufCMessage **response, licit_error *error)
{
    *response = NULL;
    char fresh[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(fresh) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
        request_id = fresh;
    }
    return licit_unary(client, method, request, response_descriptor, timeout_ms, request_id, response, error);
}

licit_result licit_write_message(licit_client *client, const char *method, const ProtobufCMessage *request,
                                 const ProtobufCMessageDescriptor *response_descriptor, const char *request_id,
                                 uint32_t timeout_ms, ProtobufCMessage **message, licit_error *error)
{
    *message = NULL;
    const ProtobufCFieldDescriptor *field = response_descriptor->n_fields == 1 ? response_descriptor->fields : NULL;
    if (field == NULL || field->type != PROTOBUF_C_TYPE_MESSAGE || field->label == PROTOBUF_C_LABEL_REPEATED)
        return licit_fail(error, LICIT_INVALID_REQUEST, "%s does not hold one message", response_descriptor->name);
    ProtobufCMessage *response = NULL;
    licit_result result = licit_unary_write(client, method, request, response_descriptor, request_id, timeout_ms,
                                            &response, error);
    if (result != LICIT_OK) return result;
    ProtobufCMessage **slot = (ProtobufCMessage **)((char *)response + field->offset);
    *message = *slot;
    *slot = NULL; /* detached: the caller owns it */
    protobuf_c_message_free_unpacked(response, NULL);
    if (*message == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to %s has no %s", method, field->name);
    return LICIT_OK;
}

licit_result licit_document_write(licit_client *client, const char *method, const ProtobufCMessage *request,
                                  const char *request_id, uint32_t timeout_ms,
                                  Licit__V1__Document **document, licit_error *error)
{
    *document = NULL;
    char fresh[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(fresh) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
        request_id = fresh;
    }
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, method, request, &licit__v1__document_response__descriptor,
                                      timeout_ms, request_id, &answer, error);
    if (result != LICIT_OK) return result;
    Licit__V1__DocumentResponse *response = (Licit__V1__DocumentResponse *)answer;
    *document = response->document;
    response->document = NULL; /* detached: the caller owns it */
    licit__v1__document_response__free_unpacked(response, NULL);
    if (*document == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to %s has no document", method);
    return LICIT_OK;
}

licit_result licit_echo(licit_client *client, const uint8_t *data, size_t size, uint32_t timeout_ms,
                        uint8_t **echoed, size_t *echoed_size, licit_error *error)
{
    *echoed = NULL;
    *echoed_size = 0;
    Licit__V1__EchoRequest request = LICIT__V1__ECHO_REQUEST__INIT;
    request.data.data = (uint8_t *)data;
    request.data.len = size;
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, LICIT_METHOD_ECHO, &request.base,
                                      &licit__v1__echo_response__descriptor, timeout_ms, NULL, &answer, error);
    if (result != LICIT_OK) return result;
    Licit__V1__EchoResponse *response = (Licit__V1__EchoResponse *)answer;
    *echoed = response->data.data;
    *echoed_size = response->data.len;
    response->data.data = NULL;
    response->data.len = 0;
    licit__v1__echo_response__free_unpacked(response, NULL);
    return LICIT_OK;
}
