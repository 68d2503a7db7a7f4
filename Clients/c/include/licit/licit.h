/*
 * licit.h — the C client of the Licit exchange (PROTOCOL.md, licit.v1).
 *
 * One opaque handle, `licit_client`, holds one mutual-TLS 1.3 connection (ALPN `licit/1`) to the
 * exchange and reconnects on demand, with exponential backoff and jitter; given several daemons
 * of the exchange (licit_config.other_endpoints), it moves on to the next in turn. Calls are
 * synchronous, each with a deadline; several may be in flight at once with licit_call_start()
 * and licit_call_wait() (pipelining). A handle is not thread-safe: use one per thread.
 *
 * The library is single-threaded and reads the connection only while you are inside one of its
 * functions. A program that keeps a connection open without calling it (for example between
 * subscription reads) should call licit_service() at least every keepalive interval (30 s), so
 * that pings are answered and sent and the exchange does not close the connection as idle.
 *
 * Messages are the protobuf-c types generated from Proto/licit/v1 (`Licit__V1__…`, included
 * below). Messages this library returns are owned by the caller: free them with the generated
 * `licit__v1__<message>__free_unpacked(message, NULL)` or the helpers below. Byte buffers it
 * returns are freed with licit_free().
 *
 * Every fallible function returns a licit_result and, when `error` is not NULL, fills it in.
 * What to do about a failure depends on the result:
 *
 *   LICIT_REJECTED       the exchange answered no: error->code and error->reason say why.
 *                        For a write, nothing was applied.
 *   LICIT_INDETERMINATE  a write was sent but its outcome is unknown (deadline passed,
 *                        connection lost, CANCELLED or DEADLINE_EXCEEDED from the exchange).
 *                        Retry it with error->request_id and the same arguments: the exchange
 *                        applies a request at most once, whichever of its daemons (endpoints)
 *                        receives the retry. Never report it as failed.
 *   LICIT_UNAVAILABLE    no connection, or a read lost with its connection; error->not_sent is
 *                        1 when the request certainly never reached the exchange. Safe to retry.
 *   LICIT_DEADLINE_EXCEEDED  a read did not finish in time. Safe to retry.
 *   LICIT_INVALID_REQUEST    refused by this library before sending (frame over the exchange's
 *                        limit, malformed request id, unreadable certificate …).
 *   LICIT_PROTOCOL_ERROR the exchange sent something this library does not accept.
 */
#ifndef LICIT_LICIT_H
#define LICIT_LICIT_H

#include <stddef.h>
#include <stdint.h>

#include "licit/v1/board.pb-c.h"
#include "licit/v1/documents.pb-c.h"
#include "licit/v1/estimates.pb-c.h"
#include "licit/v1/frame.pb-c.h"
#include "licit/v1/inbox.pb-c.h"
#include "licit/v1/notifications.pb-c.h"
#include "licit/v1/reference.pb-c.h"
#include "licit/v1/returns.pb-c.h"
#include "licit/v1/sandbox.pb-c.h"
#include "licit/v1/session.pb-c.h"
#include "licit/v1/status.pb-c.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LICIT_VERSION "0.1.0"
#define LICIT_PROTOCOL_VERSION 1
#define LICIT_ALPN "licit/1"
/** Default frame limit, lowered to the exchange's own after Hello (PROTOCOL.md §12). */
#define LICIT_DEFAULT_MAX_FRAME_BYTES 4194304u
/** Request ids: 1 to 64 characters of A-Z a-z 0-9 . _ : - (PROTOCOL.md §13), plus the NUL. */
#define LICIT_REQUEST_ID_SIZE 65
#define LICIT_SEAL_PUBLIC_KEY_BYTES 32
#define LICIT_SEAL_BYTES 64

/* ------------------------------------------------------------------ outcomes */

/** How a call ended, from the caller's point of view (PROTOCOL.md §13). */
typedef enum licit_result {
    LICIT_OK = 0,
    LICIT_REJECTED,
    LICIT_INDETERMINATE,
    LICIT_UNAVAILABLE,
    LICIT_DEADLINE_EXCEEDED,
    LICIT_CANCELLED,
    LICIT_INVALID_REQUEST,
    LICIT_PROTOCOL_ERROR,
    LICIT_NO_MEMORY,
    /** licit_subscription_next(): nothing arrived in the time given; the subscription is open. */
    LICIT_TIMED_OUT,
    /** licit_subscription_next(): the exchange ended the subscription normally. */
    LICIT_END
} licit_result;

/** The exchange's status codes: gRPC's, with the same numbers (PROTOCOL.md §11.1). */
typedef enum licit_status_code {
    LICIT_STATUS_OK = 0,
    LICIT_STATUS_CANCELLED = 1,
    LICIT_STATUS_UNKNOWN = 2,
    LICIT_STATUS_INVALID_ARGUMENT = 3,
    LICIT_STATUS_DEADLINE_EXCEEDED = 4,
    LICIT_STATUS_NOT_FOUND = 5,
    LICIT_STATUS_ALREADY_EXISTS = 6,
    LICIT_STATUS_PERMISSION_DENIED = 7,
    LICIT_STATUS_RESOURCE_EXHAUSTED = 8,
    LICIT_STATUS_FAILED_PRECONDITION = 9,
    LICIT_STATUS_ABORTED = 10,
    LICIT_STATUS_OUT_OF_RANGE = 11,
    LICIT_STATUS_UNIMPLEMENTED = 12,
    LICIT_STATUS_INTERNAL = 13,
    LICIT_STATUS_UNAVAILABLE = 14,
    LICIT_STATUS_DATA_LOSS = 15,
    LICIT_STATUS_UNAUTHENTICATED = 16
} licit_status_code;

/* licit_reason: every reason the exchange answers with, generated from the reason catalogue. */
#include "licit/reasons.h"

#define LICIT_ERROR_MESSAGE_SIZE 512
#define LICIT_ERROR_REASON_SIZE 64
#define LICIT_ERROR_MAX_DETAILS 8

/** What went wrong, in full. Plain data: put it on the stack, no cleanup needed. */
typedef struct licit_error {
    licit_result result;
    /** The exchange's status, when it answered (LICIT_STATUS_OK otherwise). */
    licit_status_code code;
    licit_reason reason;
    /** The reason as the exchange sent it, e.g. "over_estimate"; empty when it sent none. */
    char reason_text[LICIT_ERROR_REASON_SIZE];
    /** For people: the exchange's message, or this library's explanation. Never parse it. */
    char message[LICIT_ERROR_MESSAGE_SIZE];
    /** The write's idempotency key: retry an indeterminate write with it. Empty for reads. */
    char request_id[LICIT_REQUEST_ID_SIZE];
    /** 1 when the request certainly never reached the exchange (safe to send again). */
    int not_sent;
    /** The status's details (the first LICIT_ERROR_MAX_DETAILS, truncated to fit). */
    size_t detail_count;
    struct {
        char key[48];
        char value[128];
    } details[LICIT_ERROR_MAX_DETAILS];
} licit_error;

const char *licit_result_name(licit_result result);
/** "FAILED_PRECONDITION" …; "UNKNOWN" for a number this library does not know. */
const char *licit_status_code_name(licit_status_code code);
/** The value of a status detail, or NULL. */
const char *licit_error_detail(const licit_error *error, const char *key);

/* ------------------------------------------------------------------ connecting */

typedef struct licit_client licit_client;

/** A daemon's address: a DNS name (each of its addresses is tried in turn) or an IP address. */
typedef struct licit_endpoint {
    const char *host;
    uint16_t port;
} licit_endpoint;

/** Where and as whom to connect. Strings (and other_endpoints) are copied by licit_connect(). */
typedef struct licit_config {
    /** The first daemon tried. */
    const char *host;
    uint16_t port;
    /** The name the server certificate must carry (DNS name or IP address); default: the host
     *  of the endpoint connected to. */
    const char *server_name;
    /** The exchange's CA certificate (PEM): the only root trusted for the server. */
    const char *ca_file;
    /** The client certificate (PEM; the leaf first) and its private key (PEM). */
    const char *certificate_file;
    const char *private_key_file;
    /** Sent in Hello, for the exchange's logs. Default "licit-c/" LICIT_VERSION. */
    const char *client_name;
    uint32_t connect_timeout_ms;    /**< TCP, TLS and Hello, per endpoint. Default 10 000. */
    uint32_t default_timeout_ms;    /**< Deadline of a call given 0. Default 30 000. */
    uint32_t keepalive_interval_ms; /**< A ping after this long without writing. Default 30 000. */
    uint32_t max_frame_bytes;       /**< Largest frame sent or accepted. Default 4 MiB. */
    uint32_t reconnect_initial_ms;  /**< Backoff between reconnections: 100 ms … */
    uint32_t reconnect_max_ms;      /**< … doubling up to 10 000 ms, with jitter. */
    /**
     * Other daemons of the same exchange, tried after host:port (default: none). Connecting tries
     * each endpoint once in turn and fails only when every one has failed; after a lost
     * connection or a GoAway, the next connection goes to the next endpoint in turn. The daemons
     * share one exchange: an indeterminate write may be retried on any of them with the same
     * request id, and it is applied at most once; a subscription ended by the switch is opened
     * again from the cursor (licit_subscribe_inbox with from_cursor 1).
     */
    const licit_endpoint *other_endpoints;
    size_t other_endpoint_count;
} licit_config;

/** Fills `config` with the defaults; set host, port and the three files afterwards. */
void licit_config_init(licit_config *config);

/** The account the exchange recognised from the certificate (HelloResponse.account). */
typedef struct licit_account {
    char name[128];
    char country[8];
    char authority[64];
    Licit__V1__Role role;
    char certificate_fingerprint[65];
} licit_account;

/** The limits the exchange reported in Hello (defaults where it reported none). */
typedef struct licit_limits {
    uint32_t max_frame_bytes;
    uint32_t max_calls_in_flight;
    uint32_t default_timeout_ms;
    uint32_t max_timeout_ms;
    uint32_t idle_timeout_ms;
} licit_limits;

/**
 * Connects, completes the TLS handshake (TLS 1.3, ALPN licit/1, the server verified against
 * ca_file only, host name included) and says Hello. On LICIT_OK, *client must be closed with
 * licit_close(). A connection closed before Hello is answered usually means the certificate
 * was refused (not registered, revoked, expired or not issued by the exchange's CA). With other
 * endpoints, each is tried in turn until one accepts; when none does, the error is the last
 * endpoint's and its message says every endpoint was tried.
 */
licit_result licit_connect(const licit_config *config, licit_client **client, licit_error *error);

/** Closes the connection and frees the handle. Calls still open are abandoned. */
void licit_close(licit_client *client);

/** Says Hello again on the current connection, refreshing the account and limits. */
licit_result licit_hello(licit_client *client, licit_error *error);

const licit_account *licit_client_account(const licit_client *client);
const licit_limits *licit_client_limits(const licit_client *client);
/** The exchange's clock at the last Hello, in ms since the Unix epoch. */
int64_t licit_client_server_time_ms(const licit_client *client);

/**
 * Reads and writes the connection for up to `wait_ms`: answers pings, sends a keepalive ping
 * when due, collects responses and events for open calls. Returns LICIT_UNAVAILABLE when
 * the connection is gone (the next call reconnects).
 */
licit_result licit_service(licit_client *client, uint32_t wait_ms, licit_error *error);

/** Lowercase hex SHA-256 of the DER of the first certificate in a PEM file (PROTOCOL.md §3). */
licit_result licit_certificate_fingerprint(const char *certificate_file, char fingerprint[65],
                                           licit_error *error);

/** Writes a fresh request id into `request_id`: a lowercase, time-ordered UUID (version 7), so
 * that the exchange files each new key beside the last rather than at a random place. */
licit_result licit_new_request_id(char request_id[LICIT_REQUEST_ID_SIZE]);

/** Frees a buffer returned by this library. */
void licit_free(void *pointer);

/* ------------------------------------------------------------------ calls */

typedef struct licit_call licit_call;

/**
 * Sends a request without waiting for its answer; wait with licit_call_wait(), free with
 * licit_call_free(). `request_id` marks a write (required on writes; NULL or "" for reads).
 * `timeout_ms` 0 means the configured default. Refuses locally, before sending, a request
 * larger than the exchange's max_frame_bytes (LICIT_INVALID_REQUEST).
 */
licit_result licit_call_start(licit_client *client, const char *method, const uint8_t *payload,
                              size_t payload_size, uint32_t timeout_ms, const char *request_id,
                              licit_call **call, licit_error *error);

/**
 * Waits for the call's outcome, reading the connection meanwhile (other calls' answers are
 * kept for them). On LICIT_OK, *payload (free with licit_free(); may be NULL when empty) holds
 * the response message. When the call's deadline passes first, a Cancel is sent and the result
 * is LICIT_DEADLINE_EXCEEDED for a read, LICIT_INDETERMINATE for a write.
 */
licit_result licit_call_wait(licit_client *client, licit_call *call, uint8_t **payload,
                             size_t *payload_size, licit_error *error);

/** Frees a call; one still open is cancelled (a Cancel frame is sent). */
void licit_call_free(licit_client *client, licit_call *call);

/**
 * One call, start to finish. A request the exchange certainly did not process (the connection
 * was draining or lost before sending) is sent again on a new connection, with the same
 * request id, while its deadline allows.
 */
licit_result licit_invoke(licit_client *client, const char *method, const uint8_t *payload,
                        size_t payload_size, uint32_t timeout_ms, const char *request_id,
                        uint8_t **response, size_t *response_size, licit_error *error);

/* ------------------------------------------------------------------ retrying writes (§13) */

/*
 * A write whose outcome is unknown must be sent again with the SAME request id and the same
 * arguments until it has an outcome, never under a new id (or it may be applied twice); a write
 * refused "not now" is sent again the same way, no sooner than the exchange asked. That is what
 * `licit-sim conform` checks against a faulty `licitd sandbox --faults`, and what these do.
 */

/** How licit_retry_wait_ms() and licit_write_retrying() keep trying. */
typedef struct licit_retry_policy {
    /** Tries in all, the first included. Default 10. */
    unsigned attempts;
    /** The wait before the second try: 100 ms by default, doubling at each try up to
     *  max_backoff_ms (default 5 000), less up to a fifth at random (jitter). */
    uint32_t first_backoff_ms;
    uint32_t max_backoff_ms;
} licit_retry_policy;

/** Fills `policy` with the defaults (10 tries, 100 ms doubling to 5 s). */
void licit_retry_policy_init(licit_retry_policy *policy);

/**
 * After try number `attempt` (1 for the first) of a write failed with `error`, the milliseconds
 * to wait before trying it again with the same request id (error->request_id) and the same
 * arguments; -1 when trying again cannot help, or when `policy->attempts` are spent (`policy`
 * NULL: the defaults). Tried again:
 *
 *   LICIT_INDETERMINATE, LICIT_UNAVAILABLE   after the backoff (LICIT_UNAVAILABLE with not_sent
 *                                            when no connection was made within the call's time);
 *   LICIT_REJECTED rate_limited              after exactly its retry_after_ms detail (1 000 when
 *                                            missing): a retry before it is refused again;
 *   LICIT_REJECTED draining, storage_unavailable, too_many_calls_in_flight, internal_error,
 *                  subscription_ended        after the backoff ("not now": nothing was applied).
 *
 * Any other result (a refusal, LICIT_INVALID_REQUEST …) is final: -1.
 */
int64_t licit_retry_wait_ms(const licit_error *error, unsigned attempt, const licit_retry_policy *policy);

/** One try of a write, for licit_write_retrying(): call one licit_… write with `request_id`
 *  and the arguments in `context`, the same every time, and return its result. */
typedef licit_result (*licit_write_fn)(licit_client *client, const char *request_id, void *context,
                                       licit_error *error);

/**
 * Runs a write until it has an outcome: calls `write` with one request id (`request_id`, or a
 * fresh one when NULL or ""), and again with that same id after each failure that
 * licit_retry_wait_ms() says to retry, waiting as it says. While it waits it keeps servicing the
 * connection (licit_service()): pings are answered and subscription events are queued.
 *
 * Returns the last try's result. On failure `error` is that try's; error->request_id holds the
 * id: a write still LICIT_INDETERMINATE once the tries are spent must be retried later with it,
 * never under a new one.
 *
 *     struct issue { const Licit__V1__ImportAuthorizationContent *content; Licit__V1__Document *document; };
 *
 *     static licit_result issue_ia(licit_client *client, const char *id, void *context, licit_error *error)
 *     {
 *         struct issue *issue = context;
 *         licit_document_free(issue->document);
 *         issue->document = NULL;
 *         return licit_issue_import_authorization(client, issue->content, NULL, id, 0, &issue->document, error);
 *     }
 *
 *     struct issue issue = {&content, NULL};
 *     if (licit_write_retrying(client, NULL, NULL, issue_ia, &issue, &error) == LICIT_OK) …
 */
licit_result licit_write_retrying(licit_client *client, const char *request_id, const licit_retry_policy *policy,
                                  licit_write_fn write, void *context, licit_error *error);

/* ------------------------------------------------------------------ session (§14) */

/** Returns `data` as the exchange echoes it; *echoed is freed with licit_free(). */
licit_result licit_echo(licit_client *client, const uint8_t *data, size_t size, uint32_t timeout_ms,
                        uint8_t **echoed, size_t *echoed_size, licit_error *error);

/* ------------------------------------------------------------------ documents (§15.2) */

/*
 * Writes take `request_id`: NULL for a fresh one, or the error->request_id of an indeterminate
 * attempt to retry it. `timeout_ms` 0 means the configured default. On LICIT_OK *document is
 * the document as the write left it; free it with licit_document_free().
 */

licit_result licit_issue_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *override_justification,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__Document **document, licit_error *error);

/** Issues the caller's CNA's saved draft `draft_number` (LICIT_REJECTED NOT_FOUND/draft_not_found
 *  if none); the issued IA replaces the draft. `override_justification` as for an issue (NULL:
 *  none): the IA is issued despite over_estimate/over_assessment, and the Board is told. */
licit_result licit_issue_import_authorization_from_draft(licit_client *client,
                                                         const char *draft_number,
                                                         const char *override_justification,
                                                         const char *request_id, uint32_t timeout_ms,
                                                         Licit__V1__Document **document,
                                                         licit_error *error);

/** Runs every check of the IA's issue, writing nothing (officers and signers). `problems` lists
 *  what the issue would refuse (none: it would be accepted), `document` the content as it would be
 *  issued (unsealed), `balances_after` the caller's country's balances once issued. Malformed
 *  input is LICIT_REJECTED as for the issue. Free with
 *  licit__v1__validation_response__free_unpacked(response, NULL). */
licit_result licit_validate_import_authorization(licit_client *client,
                                                 const Licit__V1__ImportAuthorizationContent *content,
                                                 uint32_t timeout_ms,
                                                 Licit__V1__ValidationResponse **response,
                                                 licit_error *error);

/** Saves an IA as a draft (status "draft", unsealed, seen by the caller's CNA only), replacing its
 *  draft of the same number; only the input rules are checked (officers and signers). Issue it
 *  with licit_issue_import_authorization_from_draft(). */
licit_result licit_draft_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__Document **document, licit_error *error);

/** Issues a new IA (`content->number`) superseding the caller's CNA's IA `content->supersedes`,
 *  which becomes "superseded"; the new IA takes over its EAs. *document is the new IA. */
licit_result licit_amend_import_authorization(licit_client *client,
                                              const Licit__V1__ImportAuthorizationContent *content,
                                              const char *override_justification,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__Document **document, licit_error *error);

/** Runs every check of the EA's issue, writing nothing: as for an IA, but `balances_after` is
 *  empty (the importing country is another's). `emergency_justification` NULL for none. */
licit_result licit_validate_export_authorization(licit_client *client,
                                                 const Licit__V1__ExportAuthorizationContent *content,
                                                 const char *emergency_justification,
                                                 uint32_t timeout_ms,
                                                 Licit__V1__ValidationResponse **response,
                                                 licit_error *error);

licit_result licit_issue_export_authorization(licit_client *client,
                                              const Licit__V1__ExportAuthorizationContent *content,
                                              const char *override_justification,
                                              const char *emergency_justification,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__Document **document, licit_error *error);

/** Records a short export: per line, the base milligrams actually exported. */
licit_result licit_record_exported(licit_client *client, const char *number,
                                   const int64_t *exported_mg, size_t line_count,
                                   const char *request_id, uint32_t timeout_ms,
                                   Licit__V1__Document **document, licit_error *error);

/** Endorses the EA `authority`/`number`: per line, the base milligrams actually imported. */
licit_result licit_endorse(licit_client *client, const char *authority, const char *number,
                           const int64_t *imported_mg, size_t line_count, const char *request_id,
                           uint32_t timeout_ms, Licit__V1__Document **document, licit_error *error);

/** Cancels one of the caller's CNA's documents; `authority` names a recorded paper document's
 *  foreign CNA (NULL otherwise). `reason` is required. */
licit_result licit_cancel(licit_client *client, const char *number, const char *reason,
                          const char *authority, const char *request_id, uint32_t timeout_ms,
                          Licit__V1__Document **document, licit_error *error);

/** Records an IA or EA exchanged on paper with a country not on the exchange, with its scan
 *  (`request->scan`); the content's `authority` is the foreign CNA the reference data lists. */
licit_result licit_record_paper_document(licit_client *client,
                                        const Licit__V1__PaperDocumentRequest *request,
                                        const char *request_id, uint32_t timeout_ms,
                                        Licit__V1__Document **document, licit_error *error);

/** The scanned paper behind a document the caller may see; `endorsement` non-zero for the paper
 *  endorsement of an EA to a paper partner. Check `sha256` against the document's state. Free with
 *  licit__v1__scan_response__free_unpacked(response, NULL). */
licit_result licit_get_scan(licit_client *client, const char *authority, const char *number,
                            int endorsement, uint32_t timeout_ms,
                            Licit__V1__ScanResponse **response, licit_error *error);

licit_result licit_get_document(licit_client *client, const char *authority, const char *number,
                                uint32_t timeout_ms, Licit__V1__Document **document,
                                licit_error *error);

/** A document's changes in order (`action` drafted, issued, superseded, endorsed, cancelled …,
 *  the `status` after it, the `authority` that made it). Free with
 *  licit__v1__history_response__free_unpacked(response, NULL). */
licit_result licit_get_history(licit_client *client, const char *authority, const char *number,
                               uint32_t timeout_ms, Licit__V1__HistoryResponse **response,
                               licit_error *error);

/** One page of the documents the caller may see, newest first; `request` may be NULL. Free the
 *  response with licit__v1__list_documents_response__free_unpacked(response, NULL). */
licit_result licit_list_documents(licit_client *client,
                                  const Licit__V1__ListDocumentsRequest *request,
                                  uint32_t timeout_ms, Licit__V1__ListDocumentsResponse **response,
                                  licit_error *error);

/** A country's balances: `country` NULL for the caller's own, `year` 0 for the current year,
 *  `substance` NULL for all. Free with licit__v1__balances_response__free_unpacked(…, NULL). */
licit_result licit_get_balances(licit_client *client, const char *country, uint32_t year,
                                const char *substance, uint32_t timeout_ms,
                                Licit__V1__BalancesResponse **response, licit_error *error);

/** The exchange's raw 32-byte Ed25519 seal public key. */
licit_result licit_get_seal_key(licit_client *client, uint32_t timeout_ms,
                                uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES],
                                licit_error *error);

/** Asks the Board for `quantity_mg` more base of `substance` for the caller's country (`year` 0:
 *  this year; signers and country admins). Free *estimate with
 *  licit__v1__supplementary_estimate__free_unpacked(estimate, NULL). */
licit_result licit_request_supplementary_estimate(licit_client *client, const char *substance,
                                                  int64_t quantity_mg, uint32_t year,
                                                  const char *justification, const char *request_id,
                                                  uint32_t timeout_ms,
                                                  Licit__V1__SupplementaryEstimate **estimate,
                                                  licit_error *error);

/** The requests the caller may see (`country`, `status` NULL for all). Free with
 *  licit__v1__list_supplementary_response__free_unpacked(response, NULL). */
licit_result licit_list_supplementary_estimates(licit_client *client, const char *country,
                                                const char *status, uint32_t timeout_ms,
                                                Licit__V1__ListSupplementaryResponse **response,
                                                licit_error *error);

/** The Board's decision on the request `id` (board admins): `confirmed_mg` equal to the quantity
 *  asked confirms it, less reduces it, 0 refuses it; a reduction or refusal needs `reason`.
 *  Free *estimate as above. */
licit_result licit_decide_supplementary_estimate(licit_client *client, const char *id,
                                                 int64_t confirmed_mg, const char *reason,
                                                 const char *request_id, uint32_t timeout_ms,
                                                 Licit__V1__SupplementaryEstimate **estimate,
                                                 licit_error *error);

/** Furnishes the caller's country's annual estimates (Form B) for `year` (0: next year; or this
 *  one): 1 to 200 `lines` of base substance, purpose ("consumption", "utilization",
 *  "special_stocks", "stocks") and quantity. Replaces earlier ones until the Board confirms them
 *  (signers and country admins). Free with licit__v1__annual_estimate__free_unpacked(…, NULL). */
licit_result licit_submit_annual_estimate(licit_client *client, uint32_t year,
                                          const Licit__V1__AnnualEstimateLine *const *lines,
                                          size_t line_count, const char *request_id,
                                          uint32_t timeout_ms, Licit__V1__AnnualEstimate **estimate,
                                          licit_error *error);

/** The Board's decision on `country`'s submitted estimates for `year` (board admins): `confirm`
 *  non-zero puts each substance's total in force as the year's estimate; 0 queries them back
 *  (`reason` required). */
licit_result licit_decide_annual_estimate(licit_client *client, const char *country, uint32_t year,
                                          int confirm, const char *reason, const char *request_id,
                                          uint32_t timeout_ms, Licit__V1__AnnualEstimate **estimate,
                                          licit_error *error);

/** The annual estimates the caller may see: its own country's (the Board: any, or `country`'s;
 *  NULL for all), for `year` (0: every year). Free with
 *  licit__v1__list_annual_response__free_unpacked(response, NULL). */
licit_result licit_list_annual_estimates(licit_client *client, const char *country, uint32_t year,
                                         uint32_t timeout_ms, Licit__V1__ListAnnualResponse **response,
                                         licit_error *error);

void licit_document_free(Licit__V1__Document *document);

/** The IA a document's content holds, or NULL (not an IA, or undecodable). Free with
 *  licit__v1__import_authorization_content__free_unpacked(content, NULL). */
Licit__V1__ImportAuthorizationContent *licit_document_import_authorization(
    const Licit__V1__Document *document);
/** The EA a document's content holds, or NULL. Free with
 *  licit__v1__export_authorization_content__free_unpacked(content, NULL). */
Licit__V1__ExportAuthorizationContent *licit_document_export_authorization(
    const Licit__V1__Document *document);

/* ------------------------------------------------------------------ reference data (§15.4) */

/** Every country, CNA and substance, and the exchange's statuses and reasons with their names;
 *  allowances, prohibitions and traders only of `country` when it is given (NULL: all). A CNA sees
 *  the traders it registered, the Board all. Free with
 *  licit__v1__reference_data__free_unpacked(reference, NULL). */
licit_result licit_get_reference(licit_client *client, const char *country, uint32_t timeout_ms,
                                 Licit__V1__ReferenceData **reference, licit_error *error);

/** Registers a trader of the caller's CNA and country (`id` NULL: assigned as AUTHORITY-Tn), or
 *  updates one of its own by `id`; `name` and `address` are required (signers and country
 *  admins). Free *trader with licit__v1__trader__free_unpacked(trader, NULL). */
licit_result licit_register_trader(licit_client *client, const char *id, const char *name,
                                   const char *address, const char *request_id, uint32_t timeout_ms,
                                   Licit__V1__Trader **trader, licit_error *error);

/** Every account (board admins), or the caller's country's (country admins); `revoked` set on
 *  one whose certificate is on the deny-list. Free with
 *  licit__v1__list_accounts_response__free_unpacked(response, NULL). */
licit_result licit_list_accounts(licit_client *client, uint32_t timeout_ms,
                                 Licit__V1__ListAccountsResponse **response, licit_error *error);

/** Adds or replaces the reference entries of `data` by key, all or nothing (board admins); the
 *  response counts the entries of each kind. Free with
 *  licit__v1__import_reference_response__free_unpacked(response, NULL). */
licit_result licit_import_reference(licit_client *client, const Licit__V1__ReferenceData *data,
                                    const char *request_id, uint32_t timeout_ms,
                                    Licit__V1__ImportReferenceResponse **response,
                                    licit_error *error);

/** Puts the certificate `fingerprint` (lowercase hex SHA-256 of its DER) on the deny-list: its
 *  connections are closed and it cannot connect again. Board admins any account's, country admins
 *  their country's (another: LICIT_REASON_ACCOUNT_NOT_FOUND). `reason` is required. Free *account
 *  with licit__v1__account__free_unpacked(account, NULL). */
licit_result licit_revoke_certificate(licit_client *client, const char *fingerprint,
                                      const char *reason, const char *request_id,
                                      uint32_t timeout_ms, Licit__V1__Account **account,
                                      licit_error *error);

/** Creates the account `name` (1-64 of a-z 0-9 -) with `role`, for `authority` (NULL: the
 *  caller's CNA), reached by a certificate the exchange's CA issues for the key of
 *  `certificate_request` (a PKCS #10 request, DER). The response carries the account and
 *  `certificate_pem`; a country admin enrolled by a country admin is pending the Board's approval.
 *  Free with licit__v1__enroll_account_response__free_unpacked(response, NULL). */
licit_result licit_enroll_account(licit_client *client, const char *name, Licit__V1__Role role,
                                  const char *authority, const uint8_t *certificate_request,
                                  size_t certificate_request_size, const char *request_id,
                                  uint32_t timeout_ms, Licit__V1__EnrollAccountResponse **response,
                                  licit_error *error);

/** Approves a pending account (`approve` non-zero; board admins), or rejects it, revoking its
 *  certificate (`reason` required). Free *account as above. */
licit_result licit_approve_account(licit_client *client, const char *name, int approve,
                                   const char *reason, const char *request_id, uint32_t timeout_ms,
                                   Licit__V1__Account **account, licit_error *error);

/* ------------------------------------------------------------------ the Board (§15.8, §15.9) */

/*
 * Reads. All but licit_get_return are for board admins and observers (others: LICIT_REJECTED
 * PERMISSION_DENIED/role_not_permitted). Free each response with its
 * licit__v1__<response>__free_unpacked(response, NULL).
 */

/** EAs summed by exporting country, importing country, substance and status (how many, and the
 *  base milligrams authorized, exported and endorsed as imported); `request` holds the optional
 *  filters, NULL for none. */
licit_result licit_get_trade_flows(licit_client *client, const Licit__V1__TradeFlowsRequest *request,
                                   uint32_t timeout_ms, Licit__V1__TradeFlowsResponse **response,
                                   licit_error *error);

/** One page, newest first, of the documents of `request->kind` (required: OVERRIDES,
 *  EMERGENCY_EXPORTS, OVERDUE_ENDORSEMENTS, WITHDRAWN), each with its `note`; pass
 *  `next_page_token` as `page_token` for the next page. */
licit_result licit_list_oversight(licit_client *client, const Licit__V1__OversightRequest *request,
                                  uint32_t timeout_ms, Licit__V1__OversightResponse **response,
                                  licit_error *error);

/** The countries and substances (`substance` NULL: all) whose authorized-not-used plus imported
 *  quantity reaches `threshold_percent` (0: 90) of their limit for `year` (0: this year), highest
 *  first. */
licit_result licit_get_estimate_watch(licit_client *client, uint32_t year, uint32_t threshold_percent,
                                      const char *substance, uint32_t timeout_ms,
                                      Licit__V1__EstimateWatchResponse **response,
                                      licit_error *error);

/** The countries not on the exchange that documents recorded from paper name. */
licit_result licit_list_paper_partners(licit_client *client, uint32_t timeout_ms,
                                       Licit__V1__PaperPartnersResponse **response,
                                       licit_error *error);

/** The import and export parts of a statistical return computed from the documents: `form` "A"
 *  or "A/P" (`quarter` 1-4), "C" or "P" (`quarter` 0). `country` NULL: the caller's own (a CNA's
 *  accounts may ask no other; the Board's any). Every role. */
licit_result licit_get_return(licit_client *client, const char *country, const char *form,
                              uint32_t year, uint32_t quarter, uint32_t timeout_ms,
                              Licit__V1__ReturnResponse **response, licit_error *error);

/** How every method's calls ended since the daemon started, by status name ("ok" …). */
licit_result licit_get_call_counters(licit_client *client, uint32_t timeout_ms,
                                     Licit__V1__CallCountersResponse **response,
                                     licit_error *error);

/** One page of the audit trail, oldest first: the records after `after_sequence`, at most
 *  `page_size` (0: 100; at most 1000). `next_after_sequence` continues it (0: the end);
 *  `head_sequence` and `head_hash` are the trail's last record (PROTOCOL.md §15.9). */
licit_result licit_list_audit(licit_client *client, uint64_t after_sequence, uint32_t page_size,
                              uint32_t timeout_ms, Licit__V1__ListAuditResponse **response,
                              licit_error *error);

/* ------------------------------------------------------------------ returns (§15.8) */

/** Saves the caller's country's return `form` ("C" or "P") for `year` as a draft, or with
 *  `submit` non-zero files it with the Board: the exchange adds the year's trade from the
 *  documents and refuses LICIT_REASON_RETURN_DOES_NOT_RECONCILE when the CNA's own "imported" or
 *  "exported" figures differ (signers and country admins). Free *filing with
 *  licit__v1__return_filing__free_unpacked(filing, NULL). */
licit_result licit_save_return(licit_client *client, const char *form, uint32_t year,
                               const Licit__V1__ReturnFigure *const *figures, size_t figure_count,
                               int submit, const char *request_id, uint32_t timeout_ms,
                               Licit__V1__ReturnFiling **filing, licit_error *error);

/** The Board's decision on a submitted return (board admins): `accept` non-zero, or 0 to query it
 *  back with a `reason`. */
licit_result licit_decide_return(licit_client *client, const char *country, const char *form,
                                 uint32_t year, int accept, const char *reason,
                                 const char *request_id, uint32_t timeout_ms,
                                 Licit__V1__ReturnFiling **filing, licit_error *error);

/** The returns filed: a CNA's own country's whatever `country` says; the Board's all (NULL) or
 *  `country`'s. Free with licit__v1__list_returns_response__free_unpacked(response, NULL). */
licit_result licit_list_returns(licit_client *client, const char *country, uint32_t timeout_ms,
                                Licit__V1__ListReturnsResponse **response, licit_error *error);

/* ------------------------------------------------------------------ sandbox clock (§15.6) */

/*
 * A training sandbox's clock, for its board admins; any other exchange answers LICIT_REJECTED
 * FAILED_PRECONDITION/not_a_sandbox. Free *clock with licit__v1__clock_response__free_unpacked().
 */

/** The sandbox's clock: `now_ms`, its `day` (YYYY-MM-DD, UTC) and `rate`. */
licit_result licit_get_sandbox_clock(licit_client *client, uint32_t timeout_ms,
                                     Licit__V1__ClockResponse **clock, licit_error *error);

/** Moves the clock forward by `advance_seconds` (never back) and/or runs it at `rate` exchange
 *  seconds per real second (1 to 100 000; 0 leaves it), then runs the expiry sweep (`swept`). A
 *  replay with the same request id answers with the clock as it is now. */
licit_result licit_set_sandbox_clock(licit_client *client, int64_t advance_seconds, double rate,
                                     const char *request_id, uint32_t timeout_ms,
                                     Licit__V1__ClockResponse **clock, licit_error *error);

/* ------------------------------------------------------------------ seals (§14.1), offline */

/**
 * 1 when `seal` is the exchange's Ed25519 signature over "licit.seal.v1" 0x00 `content`, with
 * the exchange's raw 32-byte public key; 0 otherwise (including an empty or malformed seal).
 * Verify over the bytes received, never a re-serialization.
 */
int licit_seal_verify(const uint8_t *content, size_t content_size, const uint8_t *seal,
                      size_t seal_size, const uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES]);

/** licit_seal_verify() over a document's content and seal. */
int licit_document_seal_valid(const Licit__V1__Document *document,
                              const uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES]);

/* ------------------------------------------------------------------ inbox (§15.5) */

/** Up to `limit` events after `after_sequence` (0: 100). Free with
 *  licit__v1__list_events_response__free_unpacked(response, NULL). */
licit_result licit_list_events(licit_client *client, uint64_t after_sequence, uint32_t limit,
                               uint32_t timeout_ms, Licit__V1__ListEventsResponse **response,
                               licit_error *error);

/** Marks every event up to `through_sequence` processed; *acknowledged (may be NULL) is the
 *  cursor after the call. A write: `request_id` as for documents. */
licit_result licit_acknowledge(licit_client *client, uint64_t through_sequence,
                               const char *request_id, uint32_t timeout_ms,
                               uint64_t *acknowledged, licit_error *error);

typedef struct licit_subscription licit_subscription;

/**
 * Opens a subscription to the caller's CNA's inbox: the events after the account's
 * acknowledged cursor (`from_cursor` 1) or after `after_sequence`, then live ones.
 * `timeout_ms` 0: until closed. Delivery is at least once: process events idempotently by
 * sequence and acknowledge them.
 */
licit_result licit_subscribe_inbox(licit_client *client, int from_cursor, uint64_t after_sequence,
                                   uint32_t timeout_ms, licit_subscription **subscription,
                                   licit_error *error);

/**
 * The next event, waiting up to `wait_ms` (reading the connection meanwhile). LICIT_OK: *event
 * is set (free with licit__v1__inbox_event__free_unpacked(event, NULL)). LICIT_TIMED_OUT: none
 * yet, still open. LICIT_END: the exchange ended it normally. Any other result ended it: after
 * LICIT_UNAVAILABLE (a lost connection or a GoAway), subscribe again from the cursor
 * (`from_cursor` 1): the new subscription goes on a new connection, to the next endpoint in turn.
 */
licit_result licit_subscription_next(licit_client *client, licit_subscription *subscription,
                                     uint32_t wait_ms, Licit__V1__InboxEvent **event,
                                     licit_error *error);

/** Cancels the subscription if still open, and frees it. */
void licit_subscription_close(licit_client *client, licit_subscription *subscription);

/* ------------------------------------------------------------------ notifications (§15.10) */

/*
 * Where the caller's inbox is delivered beyond the inbox: its CNA's for a country admin, the
 * Board's for a board admin (other roles: LICIT_REJECTED, PERMISSION_DENIED/role_not_permitted).
 * Registrations and removals are writes: `request_id` as for documents. On LICIT_OK *target is
 * the target as the write left it (`id` AUTHORITY-N; the secret is never returned); free it with
 * licit__v1__notification_target__free_unpacked(target, NULL). Refusals (error.reason):
 * LICIT_REASON_INVALID_NOTIFICATION_TARGET (a bad URL, address or secret),
 * LICIT_REASON_UNKNOWN_EVENT_KIND, LICIT_REASON_TOO_MANY_NOTIFICATION_TARGETS (10 per inbox),
 * LICIT_REASON_NOT_FOUND (removal).
 */

/** Has the inbox POSTed to `url` (https://, at most 2048 bytes, no user, password or fragment),
 *  each batch signed with `secret` (16 to 256 printable ASCII characters; check deliveries with
 *  licit_verify_webhook_signature()). `kinds`: `kind_count` InboxEvent.kind values to deliver;
 *  none (NULL, 0) for every kind. */
licit_result licit_register_webhook(licit_client *client, const char *url, const char *secret,
                                    const char *const *kinds, size_t kind_count,
                                    const char *request_id, uint32_t timeout_ms,
                                    Licit__V1__NotificationTarget **target, licit_error *error);

/** Has the inbox e-mailed to `address` through the exchange's SMTP server; `kinds` as above. */
licit_result licit_register_email(licit_client *client, const char *address,
                                  const char *const *kinds, size_t kind_count,
                                  const char *request_id, uint32_t timeout_ms,
                                  Licit__V1__NotificationTarget **target, licit_error *error);

/** The inbox's targets in force, by id, with how far delivery got (`delivered_through`) and its
 *  last failure (`failures`, `last_error`, `retry_at_ms`). Free with
 *  licit__v1__list_notifications_response__free_unpacked(response, NULL). */
licit_result licit_list_notification_targets(licit_client *client, uint32_t timeout_ms,
                                             Licit__V1__ListNotificationsResponse **response,
                                             licit_error *error);

/** Stops delivery to the target `id`; *target has `removed_at_ms` set. Another inbox's target,
 *  or one already removed, is LICIT_REJECTED NOT_FOUND/not_found. */
licit_result licit_remove_notification_target(licit_client *client, const char *id,
                                              const char *request_id, uint32_t timeout_ms,
                                              Licit__V1__NotificationTarget **target,
                                              licit_error *error);

/** What licit_verify_webhook_signature() found: 0 for a genuine, recent delivery. */
typedef enum licit_webhook_result {
    LICIT_WEBHOOK_VALID = 0,
    /** No header, or not `t=DIGITS,v1=64 HEX DIGITS` (one t, at least one v1). */
    LICIT_WEBHOOK_MALFORMED = -1,
    /** No v1 is the HMAC of t and the body under the secret: another body, secret or t. */
    LICIT_WEBHOOK_MISMATCH = -2,
    /** Signed with the secret, but t is more than tolerance_seconds from now_seconds (a replay,
     *  or a clock off). */
    LICIT_WEBHOOK_STALE = -3,
    /** A NULL or empty secret (anyone could sign with it), body NULL with body_len > 0, or a
     *  negative tolerance. */
    LICIT_WEBHOOK_INVALID_ARGUMENT = -4,
    /** Out of memory, or OpenSSL could not compute the HMAC. */
    LICIT_WEBHOOK_FAILED = -5
} licit_webhook_result;

/** "valid", "malformed", "mismatch", "stale", "invalid_argument", "failed". */
const char *licit_webhook_result_name(licit_webhook_result result);

/**
 * Checks a webhook delivery, offline (PROTOCOL.md §15.10): `signature_header` is its
 * `Licit-Signature` header, `t=UNIX_SECONDS,v1=HEX`, where HEX is the lowercase hex HMAC-SHA256,
 * under the secret's bytes, of the ASCII UNIX_SECONDS, a '.', and the body. Pass `body` exactly as
 * received (`body_len` bytes, before any JSON decoding), `now_seconds` as time(NULL), and
 * `tolerance_seconds` (300 is usual) for how far t may be from it, either way.
 *
 * Returns LICIT_WEBHOOK_VALID (0) when a v1 matches (compared in constant time) and t is recent;
 * otherwise a negative licit_webhook_result, and the delivery must be refused. Blanks around the
 * fields are allowed, other fields than t and v1 ignored, and any one of several v1 may match.
 * The signature is checked before the time: LICIT_WEBHOOK_STALE means a genuine but old one.
 */
licit_webhook_result licit_verify_webhook_signature(const char *secret, const char *signature_header,
                                                    const uint8_t *body, size_t body_len,
                                                    int64_t now_seconds, int64_t tolerance_seconds);

#ifdef __cplusplus
}
#endif

#endif /* LICIT_LICIT_H */
