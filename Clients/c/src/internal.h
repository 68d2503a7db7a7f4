/* Internal declarations shared by the library's files; not installed. */
#ifndef LICIT_INTERNAL_H
#define LICIT_INTERNAL_H

#include <openssl/ssl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "licit/licit.h"

#define LICIT_METHOD_HELLO "licit.v1.Session/Hello"
#define LICIT_METHOD_ECHO "licit.v1.Session/Echo"
/** Events queued on a subscription the caller does not read, before it is ended. */
#define LICIT_MAX_QUEUED_EVENTS 10000
/** Local deadlines run this much past timeout_ms, to leave the exchange's answer time to arrive. */
#define LICIT_DEADLINE_GRACE_MS 500

/* ---- clock.c */
uint64_t licit_now_ms(void);

/* ---- buffer.c: a growable byte buffer read from the front. */
typedef struct licit_buffer {
    uint8_t *data;
    size_t start; /* first unread byte */
    size_t end;   /* one past the last byte */
    size_t capacity;
} licit_buffer;

size_t licit_buffer_length(const licit_buffer *buffer);
const uint8_t *licit_buffer_bytes(const licit_buffer *buffer);
/** Makes room for `extra` more bytes at the end; 0 on success, -1 when out of memory. */
int licit_buffer_reserve(licit_buffer *buffer, size_t extra);
int licit_buffer_append(licit_buffer *buffer, const uint8_t *bytes, size_t size);
void licit_buffer_consume(licit_buffer *buffer, size_t size);
void licit_buffer_free(licit_buffer *buffer);

/* ---- errors.c */
/** Sets result and message (printf-style), clearing the rest. Returns `result`. */
licit_result licit_fail(licit_error *error, licit_result result, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/** Copies an exchange's status into `error` (code, reason, message, details). */
void licit_error_set_status(licit_error *error, const Licit__V1__Status *status);
void licit_error_set_request_id(licit_error *error, const char *request_id);
/** Appends the pending OpenSSL errors to `error->message`, and clears them. */
void licit_error_append_openssl(licit_error *error);
void licit_copy_text(char *destination, size_t size, const char *source);

/* ---- request_id.c */
/** 1 when `request_id` is 1–64 characters of A-Z a-z 0-9 . _ : - */
int licit_request_id_valid(const char *request_id);
/** A time-ordered request id (a version 7 UUID) for the Unix time `unix_ms`: its first 48 bits. */
licit_result licit_request_id_at(uint64_t unix_ms, char request_id[LICIT_REQUEST_ID_SIZE]);

/* ---- frames.c: the length-prefixed frames of PROTOCOL.md §4. */
/** Appends the 4-byte length and the packed frame to `out`; refuses frames over `max_bytes`. */
licit_result licit_frame_write(const Licit__V1__Frame *frame, uint32_t max_bytes,
                               licit_buffer *out, licit_error *error);
/**
 * Takes the next complete frame from the front of `in`: 1 and *frame set, 0 when more bytes are
 * needed, or LICIT_PROTOCOL_ERROR as a negative number (-1) with `error` filled: a length of 0,
 * over `max_bytes` (judged on the 4 length bytes alone), or undecodable.
 */
int licit_frame_read(licit_buffer *in, uint32_t max_bytes, Licit__V1__Frame **frame,
                     licit_error *error);

/* ---- transport.c: TCP and TLS. */
typedef struct licit_transport {
    int fd;
    SSL *ssl;
} licit_transport;

SSL_CTX *licit_tls_context(const licit_config *config, licit_error *error);
/** Connects and completes the TLS handshake by `deadline_ms`; checks ALPN licit/1. */
licit_result licit_transport_open(licit_transport *transport, SSL_CTX *context,
                                  const char *host, uint16_t port, const char *server_name,
                                  uint64_t deadline_ms, licit_error *error);
void licit_transport_close(licit_transport *transport);
/** Non-blocking: bytes read (>0), 0 when none are ready, -1 when closed or failed (error set). */
long licit_transport_read(licit_transport *transport, uint8_t *bytes, size_t size,
                          licit_error *error);
/** Non-blocking: bytes written (>=0), -1 when failed (error set). */
long licit_transport_write(licit_transport *transport, const uint8_t *bytes, size_t size,
                           licit_error *error);
/** Waits until readable (or writable when `want_write`), or `wait_ms`. */
void licit_transport_wait(licit_transport *transport, int want_write, uint64_t wait_ms);

/* ---- connection.c: one TLS connection and the calls open on it. */
typedef struct licit_event_node {
    uint64_t sequence;
    uint8_t *payload;
    size_t payload_size;
    struct licit_event_node *next;
} licit_event_node;

typedef enum licit_call_phase { LICIT_CALL_OPEN, LICIT_CALL_DONE } licit_call_phase;

struct licit_call {
    uint64_t call_id;
    char method[96];
    char request_id[LICIT_REQUEST_ID_SIZE]; /* empty for a read */
    int is_subscription;
    uint64_t deadline_ms; /* 0: none (a subscription without timeout) */
    struct licit_connection *connection; /* NULL once the call is done */
    struct licit_call *next_open;        /* in the connection's list of open calls */
    licit_call_phase phase;
    licit_error outcome; /* result LICIT_OK when succeeded */
    uint8_t *payload;
    size_t payload_size;
    licit_event_node *events_head, *events_tail;
    size_t events_queued;
};

typedef struct licit_connection {
    licit_transport transport;
    licit_buffer in, out;
    uint64_t next_call_id;
    uint32_t max_send_bytes, max_receive_bytes, max_calls_in_flight, keepalive_interval_ms;
    uint64_t last_write_ms, opened_ms;
    licit_call *open_calls;
    size_t open_count;
    int closed;            /* unusable: lost, failed, or closed by us */
    int retired;           /* a GoAway: no new calls */
    licit_error why_closed; /* what ended it, for the calls that were open */
    char goaway_note[200];  /* a non-OK GoAway's status: it names a bug or a refusal */
} licit_connection;

licit_connection *licit_connection_new(licit_transport transport, const licit_config *config);
/** Closes the transport; open calls end as the loss of a connection decides. Frees it. */
void licit_connection_free(licit_connection *connection);
/** Sends a Request frame for `call` (call id assigned here) and registers it as open. */
licit_result licit_connection_start(licit_connection *connection, licit_call *call,
                                    const uint8_t *payload, size_t payload_size,
                                    uint32_t timeout_ms, licit_error *error);
/** Sends a Cancel for an open call and ends it with `outcome`. */
void licit_connection_cancel(licit_connection *connection, licit_call *call,
                             const licit_error *outcome);
/** One round of I/O: flush, read and dispatch, wait up to `wait_ms` if nothing happened. */
void licit_connection_pump(licit_connection *connection, uint64_t wait_ms);
/** Ends the connection: every open call ends as `reason` says for a lost connection. */
void licit_connection_lost(licit_connection *connection, const licit_error *reason);
int licit_connection_usable(const licit_connection *connection);

/* ---- calls.c */
/** Ends an open call with the exchange's Response (PROTOCOL.md §13 decides the result). */
void licit_call_answered(licit_call *call, Licit__V1__Response *response);
/** Registers `call` (method, request id and deadline set) and sends it on a usable connection. */
licit_result licit_call_begin(licit_client *client, licit_call *call, const uint8_t *payload,
                              size_t payload_size, uint32_t wire_timeout_ms, licit_error *error);
/** Reads the connection until the call is done or its deadline passes (then cancels it). */
void licit_call_await(licit_call *call);
void licit_call_finish(licit_call *call, const licit_error *outcome, uint8_t *payload,
                       size_t payload_size);
/** The outcome of a call whose connection ended before its Response (PROTOCOL.md §13). */
void licit_call_lost(licit_call *call, const licit_error *reason);
void licit_call_release_events(licit_call *call);

/* ---- client.c */
struct licit_client {
    licit_config config;
    /* server_name is NULL when each endpoint's host names its server. */
    char *server_name, *ca_file, *certificate_file, *private_key_file, *client_name;
    /* host:port first, then the other endpoints; the hosts are owned. */
    licit_endpoint *endpoints;
    size_t endpoint_count;
    size_t next_endpoint; /* where the next connection goes: on after each failed, lost or drained one */
    SSL_CTX *tls;
    licit_connection *connection;
    char fingerprint[65];
    licit_account account;
    licit_limits limits;
    int64_t server_time_ms;
    uint64_t backoff_ms, next_attempt_ms;
};

/** A usable connection by `deadline_ms`: the current one, or a new one (with backoff). */
licit_result licit_client_connection(licit_client *client, uint64_t deadline_ms,
                                     licit_connection **connection, licit_error *error);
uint64_t licit_client_deadline(const licit_client *client, uint32_t timeout_ms);

/* ---- messages.c: the typed calls' plumbing. */
/** Packs `request`, calls `method`, unpacks the answer as `response_descriptor`. */
licit_result licit_unary(licit_client *client, const char *method, const ProtobufCMessage *request,
                         const ProtobufCMessageDescriptor *response_descriptor,
                         uint32_t timeout_ms, const char *request_id, ProtobufCMessage **response,
                         licit_error *error);
/** licit_unary() for a write: `request_id`, or a fresh one when it is NULL or empty. */
licit_result licit_unary_write(licit_client *client, const char *method, const ProtobufCMessage *request,
                               const ProtobufCMessageDescriptor *response_descriptor,
                               const char *request_id, uint32_t timeout_ms,
                               ProtobufCMessage **response, licit_error *error);
/**
 * A write whose response holds one message field (e.g. SupplementaryEstimateResponse.estimate):
 * that message is detached and returned in *message, the response freed. LICIT_PROTOCOL_ERROR
 * when the exchange's answer leaves it out.
 */
licit_result licit_write_message(licit_client *client, const char *method, const ProtobufCMessage *request,
                                 const ProtobufCMessageDescriptor *response_descriptor,
                                 const char *request_id, uint32_t timeout_ms, ProtobufCMessage **message,
                                 licit_error *error);
/** A write answered with a DocumentResponse; the document is detached and returned. */
licit_result licit_document_write(licit_client *client, const char *method,
                                  const ProtobufCMessage *request, const char *request_id,
                                  uint32_t timeout_ms, Licit__V1__Document **document,
                                  licit_error *error);

#endif /* LICIT_INTERNAL_H */
