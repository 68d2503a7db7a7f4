/* The client handle: configuration, connecting with Hello, and reconnecting with backoff. */
#include <openssl/rand.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void licit_config_init(licit_config *config)
{
    memset(config, 0, sizeof *config);
    config->client_name = "licit-c/" LICIT_VERSION;
    config->connect_timeout_ms = 10000;
    config->default_timeout_ms = 30000;
    config->keepalive_interval_ms = 30000;
    config->max_frame_bytes = LICIT_DEFAULT_MAX_FRAME_BYTES;
    config->reconnect_initial_ms = 100;
    config->reconnect_max_ms = 10000;
}

uint64_t licit_client_deadline(const licit_client *client, uint32_t timeout_ms)
{
    return licit_now_ms() + (timeout_ms ? timeout_ms : client->config.default_timeout_ms);
}

static int copy_string(char **destination, const char *source)
{
    *destination = strdup(source ? source : "");
    return *destination != NULL;
}

static licit_result check_config(const licit_config *config, licit_error *error)
{
    if (config->host == NULL || config->host[0] == '\0')
        return licit_fail(error, LICIT_INVALID_REQUEST, "licit_config.host is required");
    if (config->port == 0) return licit_fail(error, LICIT_INVALID_REQUEST, "licit_config.port is required");
    if (config->other_endpoint_count > 0 && config->other_endpoints == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST,
                          "licit_config.other_endpoints is NULL but other_endpoint_count is %zu",
                          config->other_endpoint_count);
    for (size_t i = 0; i < config->other_endpoint_count; i++) {
        const licit_endpoint *endpoint = &config->other_endpoints[i];
        if (endpoint->host == NULL || endpoint->host[0] == '\0' || endpoint->port == 0)
            return licit_fail(error, LICIT_INVALID_REQUEST,
                              "licit_config.other_endpoints[%zu] needs a host and a port", i);
    }
    if (config->ca_file == NULL || config->certificate_file == NULL || config->private_key_file == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST,
                          "licit_config.ca_file, certificate_file and private_key_file are required");
    if (config->max_frame_bytes == 0 || config->default_timeout_ms == 0 || config->connect_timeout_ms == 0)
        return licit_fail(error, LICIT_INVALID_REQUEST,
                          "licit_config: max_frame_bytes, default_timeout_ms and connect_timeout_ms "
                          "must be positive (start from licit_config_init)");
    return LICIT_OK;
}

static void remember_hello(licit_client *client, licit_connection *connection,
                           const Licit__V1__HelloResponse *hello)
{
    const Licit__V1__Account *account = hello->account;
    licit_account *known = &client->account;
    memset(known, 0, sizeof *known);
    if (account != NULL) {
        licit_copy_text(known->name, sizeof known->name, account->name);
        licit_copy_text(known->country, sizeof known->country, account->country);
        licit_copy_text(known->authority, sizeof known->authority, account->authority);
        licit_copy_text(known->certificate_fingerprint, sizeof known->certificate_fingerprint,
                        account->certificate_fingerprint);
        known->role = account->role;
    }
    const Licit__V1__ConnectionLimits *limits = hello->limits;
    /* 0 means "not reported": keep the default (PROTOCOL.md §12). */
    licit_limits *kept = &client->limits;
    kept->max_frame_bytes = limits && limits->max_frame_bytes ? limits->max_frame_bytes : LICIT_DEFAULT_MAX_FRAME_BYTES;
    kept->max_calls_in_flight = limits && limits->max_calls_in_flight ? limits->max_calls_in_flight : 256;
    kept->default_timeout_ms = limits && limits->default_timeout_ms ? limits->default_timeout_ms : 30000;
    kept->max_timeout_ms = limits && limits->max_timeout_ms ? limits->max_timeout_ms : 300000;
    kept->idle_timeout_ms = limits && limits->idle_timeout_ms ? limits->idle_timeout_ms : 300000;
    client->server_time_ms = hello->server_time_ms;
    if (kept->max_frame_bytes < connection->max_send_bytes) connection->max_send_bytes = kept->max_frame_bytes;
    connection->max_calls_in_flight = kept->max_calls_in_flight;
}

static licit_result check_hello(licit_client *client, licit_connection *connection,
                                const uint8_t *payload, size_t size, licit_error *error)
{
    Licit__V1__HelloResponse *hello = licit__v1__hello_response__unpack(NULL, size, payload);
    if (hello == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's Hello answer is not a HelloResponse");
    licit_result result = LICIT_OK;
    const char *fingerprint = hello->account ? hello->account->certificate_fingerprint : "";
    if (hello->protocol_version != LICIT_PROTOCOL_VERSION)
        result = licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange speaks protocol version %u, not %d",
                            hello->protocol_version, LICIT_PROTOCOL_VERSION);
    else if (strcmp(fingerprint, client->fingerprint) != 0)
        result = licit_fail(error, LICIT_PROTOCOL_ERROR,
                            "the exchange recognised certificate %s, but this client presented %s",
                            fingerprint, client->fingerprint);
    else
        remember_hello(client, connection, hello);
    licit__v1__hello_response__free_unpacked(hello, NULL);
    return result;
}

/* Hello on call id 1 of a new connection, or again later (PROTOCOL.md §6.1). */
static licit_result say_hello(licit_client *client, licit_connection *connection, uint64_t deadline_ms,
                              licit_error *error)
{
    Licit__V1__HelloRequest request = LICIT__V1__HELLO_REQUEST__INIT;
    request.protocol_version = LICIT_PROTOCOL_VERSION;
    request.client_name = client->client_name;
    uint8_t payload[512];
    if (licit__v1__hello_request__get_packed_size(&request) > sizeof payload)
        return licit_fail(error, LICIT_INVALID_REQUEST, "licit_config.client_name is too long");
    size_t size = licit__v1__hello_request__pack(&request, payload);
    licit_call call;
    memset(&call, 0, sizeof call);
    licit_copy_text(call.method, sizeof call.method, LICIT_METHOD_HELLO);
    call.deadline_ms = deadline_ms;
    uint64_t now = licit_now_ms();
    uint32_t timeout = deadline_ms > now ? (uint32_t)(deadline_ms - now) : 1;
    licit_result result = licit_connection_start(connection, &call, payload, size, timeout, error);
    if (result != LICIT_OK) return result;
    licit_call_await(&call);
    result = call.outcome.result;
    if (result == LICIT_OK) {
        result = check_hello(client, connection, call.payload, call.payload_size, error);
    } else if (error != NULL) {
        *error = call.outcome;
        if (result == LICIT_UNAVAILABLE && connection->closed)
            licit_fail(error, LICIT_UNAVAILABLE,
                       "the exchange closed the connection before answering Hello: the client "
                       "certificate was probably refused (not registered, revoked, expired, or not "
                       "issued by the exchange's CA) (%s)",
                       connection->why_closed.message);
    }
    free(call.payload);
    return result;
}

static licit_result open_connection_to(licit_client *client, const licit_endpoint *endpoint,
                                       uint64_t deadline_ms, licit_error *error)
{
    licit_transport transport;
    const char *server_name = client->server_name ? client->server_name : endpoint->host;
    licit_result result = licit_transport_open(&transport, client->tls, endpoint->host, endpoint->port,
                                               server_name, deadline_ms, error);
    if (result != LICIT_OK) return result;
    licit_connection *connection = licit_connection_new(transport, &client->config);
    if (connection == NULL) {
        licit_transport_close(&transport);
        return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a connection");
    }
    result = say_hello(client, connection, deadline_ms, error);
    if (result != LICIT_OK) {
        licit_connection_free(connection);
        return result;
    }
    client->connection = connection;
    return LICIT_OK;
}

/* Says which endpoints were tried before the last one's failure, kept as the error. */
static void name_endpoints_tried(licit_client *client, size_t tried, const licit_endpoint *last,
                                 licit_error *error)
{
    if (error == NULL || client->endpoint_count < 2) return;
    char why[sizeof error->message];
    licit_copy_text(why, sizeof why, error->message);
    /* The last failure leads; what does not fit is cut from its end. */
    if (tried == client->endpoint_count)
        snprintf(error->message, sizeof error->message,
                 "every endpoint (%zu) was tried in turn and failed; the last, %s:%u: %.400s",
                 client->endpoint_count, last->host, (unsigned)last->port, why);
    else
        snprintf(error->message, sizeof error->message,
                 "the deadline passed after %zu of the %zu endpoints were tried; the last, %s:%u: %.400s",
                 tried, client->endpoint_count, last->host, (unsigned)last->port, why);
}

/* A connection to the next endpoint that accepts one, each tried once in turn with
 * connect_timeout_ms of its own, by `deadline_ms`. */
static licit_result open_connection(licit_client *client, uint64_t deadline_ms, licit_error *error)
{
    licit_result result = LICIT_UNAVAILABLE;
    for (size_t tried = 1; tried <= client->endpoint_count; tried++) {
        const licit_endpoint *endpoint = &client->endpoints[client->next_endpoint];
        uint64_t connect_by = licit_now_ms() + client->config.connect_timeout_ms;
        result = open_connection_to(client, endpoint, connect_by < deadline_ms ? connect_by : deadline_ms, error);
        if (result == LICIT_OK) return LICIT_OK;
        client->next_endpoint = (client->next_endpoint + 1) % client->endpoint_count;
        if (tried == client->endpoint_count || licit_now_ms() >= deadline_ms) {
            name_endpoints_tried(client, tried, endpoint, error);
            break;
        }
    }
    return result;
}

/* host:port, then the other endpoints, each host copied. */
static int copy_endpoints(licit_client *client, const licit_config *config)
{
    size_t count = 1 + config->other_endpoint_count;
    client->endpoints = calloc(count, sizeof *client->endpoints);
    if (client->endpoints == NULL) return 0;
    client->endpoint_count = count;
    for (size_t i = 0; i < count; i++) {
        const licit_endpoint *from = i > 0 ? &config->other_endpoints[i - 1] : NULL;
        client->endpoints[i].host = strdup(from ? from->host : config->host);
        client->endpoints[i].port = from ? from->port : config->port;
        if (client->endpoints[i].host == NULL) return 0;
    }
    return 1;
}

licit_result licit_connect(const licit_config *config, licit_client **made, licit_error *error)
{
    *made = NULL;
    licit_result result = check_config(config, error);
    if (result != LICIT_OK) return result;
    licit_client *client = calloc(1, sizeof *client);
    if (client == NULL) return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a client");
    client->config = *config;
    if (!copy_endpoints(client, config) ||
        (config->server_name != NULL && !copy_string(&client->server_name, config->server_name)) ||
        !copy_string(&client->ca_file, config->ca_file) ||
        !copy_string(&client->certificate_file, config->certificate_file) ||
        !copy_string(&client->private_key_file, config->private_key_file) ||
        !copy_string(&client->client_name, config->client_name ? config->client_name : "licit-c/" LICIT_VERSION)) {
        licit_close(client);
        return licit_fail(error, LICIT_NO_MEMORY, "out of memory for the configuration");
    }
    client->config.host = client->endpoints[0].host;
    client->config.other_endpoints = client->endpoints + 1;
    client->config.server_name = client->server_name;
    client->config.ca_file = client->ca_file;
    client->config.certificate_file = client->certificate_file;
    client->config.private_key_file = client->private_key_file;
    client->config.client_name = client->client_name;
    client->backoff_ms = config->reconnect_initial_ms;
    result = licit_certificate_fingerprint(client->certificate_file, client->fingerprint, error);
    if (result == LICIT_OK) {
        client->tls = licit_tls_context(&client->config, error);
        if (client->tls == NULL) result = error ? error->result : LICIT_INVALID_REQUEST;
    }
    if (result == LICIT_OK) result = open_connection(client, UINT64_MAX, error);
    if (result != LICIT_OK) {
        licit_close(client);
        return result;
    }
    *made = client;
    return LICIT_OK;
}

static void schedule_reconnection(licit_client *client)
{
    unsigned char random = 0;
    if (RAND_bytes(&random, 1) != 1) random = 255;
    /* Jitter: between half and all of the backoff. */
    uint64_t wait = client->backoff_ms / 2 + client->backoff_ms * random / 510;
    client->next_attempt_ms = licit_now_ms() + wait;
    client->backoff_ms = client->backoff_ms * 2 > client->config.reconnect_max_ms ? client->config.reconnect_max_ms
                                                                                   : client->backoff_ms * 2;
}

/* The old connection goes once its calls are answered; one that lasted resets the backoff. */
static licit_result retire_connection(licit_client *client, uint64_t deadline_ms, licit_error *error)
{
    licit_connection *old = client->connection;
    while (!old->closed && old->open_count > 0 && licit_now_ms() < deadline_ms)
        licit_connection_pump(old, deadline_ms - licit_now_ms());
    if (!old->closed && old->open_count > 0) {
        licit_fail(error, LICIT_UNAVAILABLE,
                   "the connection is draining and its calls were still open at the deadline; the "
                   "request was not sent");
        if (error) error->not_sent = 1;
        return LICIT_UNAVAILABLE;
    }
    if (licit_now_ms() - old->opened_ms > 1000) {
        client->backoff_ms = client->config.reconnect_initial_ms;
        client->next_attempt_ms = 0;
    } else {
        schedule_reconnection(client);
    }
    licit_connection_free(old);
    client->connection = NULL;
    /* Lost or drained: the next connection goes to the next endpoint in turn. */
    client->next_endpoint = (client->next_endpoint + 1) % client->endpoint_count;
    return LICIT_OK;
}

licit_result licit_client_connection(licit_client *client, uint64_t deadline_ms,
                                     licit_connection **connection, licit_error *error)
{
    *connection = client->connection;
    if (client->connection != NULL && licit_connection_usable(client->connection)) return LICIT_OK;
    if (client->connection != NULL) {
        licit_result retired = retire_connection(client, deadline_ms, error);
        if (retired != LICIT_OK) return retired;
    }
    uint64_t now = licit_now_ms();
    if (client->next_attempt_ms > deadline_ms) {
        licit_fail(error, LICIT_UNAVAILABLE,
                   "no connection, and the next attempt (backing off after a failure) is due after "
                   "the call's deadline; the request was not sent");
        if (error) error->not_sent = 1;
        return LICIT_UNAVAILABLE;
    }
    if (client->next_attempt_ms > now) (void)poll(NULL, 0, (int)(client->next_attempt_ms - now));
    licit_result result = open_connection(client, deadline_ms, error);
    if (result == LICIT_DEADLINE_EXCEEDED) {
        /* Connecting took the call's time: nothing was sent, which is not a deadline of the call. */
        char cause[LICIT_ERROR_MESSAGE_SIZE] = "";
        if (error) snprintf(cause, sizeof cause, "%s", error->message);
        result = licit_fail(error, LICIT_UNAVAILABLE,
                            "no connection to the exchange within the call's deadline (%s); the request "
                            "was not sent",
                            cause);
    }
    if (result != LICIT_OK) {
        schedule_reconnection(client);
        if (error) error->not_sent = 1;
        return result;
    }
    *connection = client->connection;
    return LICIT_OK;
}

licit_result licit_hello(licit_client *client, licit_error *error)
{
    uint64_t deadline = licit_now_ms() + client->config.connect_timeout_ms;
    licit_connection *connection;
    int had_connection = client->connection != NULL && licit_connection_usable(client->connection);
    licit_result result = licit_client_connection(client, deadline, &connection, error);
    /* A new connection has just said Hello. */
    if (result != LICIT_OK || !had_connection) return result;
    return say_hello(client, connection, deadline, error);
}

licit_result licit_service(licit_client *client, uint32_t wait_ms, licit_error *error)
{
    uint64_t until = licit_now_ms() + wait_ms;
    licit_connection *connection = client->connection;
    if (connection == NULL || connection->closed)
        return licit_fail(error, LICIT_UNAVAILABLE, "not connected; the next call reconnects");
    for (uint64_t now = licit_now_ms(); !connection->closed; now = licit_now_ms()) {
        licit_connection_pump(connection, now < until ? until - now : 0);
        if (licit_now_ms() >= until) break;
    }
    if (connection->closed) {
        if (error) *error = connection->why_closed;
        return LICIT_UNAVAILABLE;
    }
    return LICIT_OK;
}

const licit_account *licit_client_account(const licit_client *client)
{
    return &client->account;
}

const licit_limits *licit_client_limits(const licit_client *client)
{
    return &client->limits;
}

int64_t licit_client_server_time_ms(const licit_client *client)
{
    return client->server_time_ms;
}

void licit_free(void *pointer)
{
    free(pointer);
}

void licit_close(licit_client *client)
{
    if (client == NULL) return;
    licit_connection_free(client->connection);
    SSL_CTX_free(client->tls);
    for (size_t i = 0; i < client->endpoint_count; i++) free((void *)client->endpoints[i].host);
    free(client->endpoints);
    free(client->server_name);
    free(client->ca_file);
    free(client->certificate_file);
    free(client->private_key_file);
    free(client->client_name);
    free(client);
}
