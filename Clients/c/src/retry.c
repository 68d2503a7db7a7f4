/* Writes retried with their request id until they have an outcome (PROTOCOL.md §13). */
#include <openssl/rand.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The wait after a rate_limited refusal that gave no retry_after_ms. */
#define DEFAULT_RETRY_AFTER_MS 1000

void licit_retry_policy_init(licit_retry_policy *policy)
{
    memset(policy, 0, sizeof *policy);
    policy->attempts = 10;
    policy->first_backoff_ms = 100;
    policy->max_backoff_ms = 5000;
}

/* Refusals that say "not now" rather than "no": the same request may succeed later. */
static int transient(licit_reason reason)
{
    switch (reason) {
    case LICIT_REASON_DRAINING:
    case LICIT_REASON_STORAGE_UNAVAILABLE:
    case LICIT_REASON_TOO_MANY_CALLS_IN_FLIGHT:
    case LICIT_REASON_INTERNAL_ERROR:
    case LICIT_REASON_SUBSCRIPTION_ENDED:
        return 1;
    default:
        return 0;
    }
}

/* The backoff before try `attempt` + 1: first_backoff_ms doubled attempt - 1 times, at most
 * max_backoff_ms, less up to a fifth at random. */
static int64_t backoff(unsigned attempt, const licit_retry_policy *policy)
{
    uint64_t wait = policy->first_backoff_ms;
    for (unsigned i = 1; i < attempt && wait < policy->max_backoff_ms; i++) wait *= 2;
    if (wait > policy->max_backoff_ms) wait = policy->max_backoff_ms;
    unsigned char random[2] = {0, 0};
    if (RAND_bytes(random, sizeof random) != 1) random[0] = random[1] = 0;
    unsigned draw = (unsigned)random[0] << 8 | random[1]; /* 0 … 65535 */
    return (int64_t)(wait - wait * draw / (5u * 65535u));
}

/* The retry_after_ms detail of a rate_limited refusal, in milliseconds. */
static int64_t retry_after(const licit_error *error)
{
    const char *text = licit_error_detail(error, "retry_after_ms");
    if (text == NULL || text[0] < '0' || text[0] > '9') return DEFAULT_RETRY_AFTER_MS;
    char *end = NULL;
    unsigned long long milliseconds = strtoull(text, &end, 10);
    if (end == NULL || *end != '\0' || milliseconds > 24ull * 3600 * 1000) return DEFAULT_RETRY_AFTER_MS;
    return (int64_t)milliseconds;
}

int64_t licit_retry_wait_ms(const licit_error *error, unsigned attempt, const licit_retry_policy *policy)
{
    licit_retry_policy defaults;
    if (policy == NULL) {
        licit_retry_policy_init(&defaults);
        policy = &defaults;
    }
    if (error == NULL || attempt >= policy->attempts) return -1;
    switch (error->result) {
    case LICIT_INDETERMINATE:
    case LICIT_UNAVAILABLE:
        return backoff(attempt, policy);
    case LICIT_REJECTED:
        /* Never sooner than the exchange asked: a retry before retry_after_ms is refused again. */
        if (error->reason == LICIT_REASON_RATE_LIMITED) return retry_after(error);
        return transient(error->reason) ? backoff(attempt, policy) : -1;
    default:
        return -1;
    }
}

/* Waits `wait_ms`, reading the connection meanwhile when there is one. */
static void pause_servicing(licit_client *client, int64_t wait_ms)
{
    uint64_t until = licit_now_ms() + (uint64_t)wait_ms;
    for (uint64_t now = licit_now_ms(); now < until; now = licit_now_ms()) {
        if (licit_service(client, (uint32_t)(until - now), NULL) != LICIT_OK) {
            /* No connection (the next call reconnects): just wait. */
            now = licit_now_ms();
            if (now < until) (void)poll(NULL, 0, (int)(until - now));
            return;
        }
    }
}

licit_result licit_write_retrying(licit_client *client, const char *request_id, const licit_retry_policy *policy,
                                  licit_write_fn write, void *context, licit_error *error)
{
    char id[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(id) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
    } else {
        if (!licit_request_id_valid(request_id))
            return licit_fail(error, LICIT_INVALID_REQUEST,
                              "the request id \"%.80s\" is not 1 to 64 characters of A-Z a-z 0-9 . _ : -",
                              request_id);
        licit_copy_text(id, sizeof id, request_id);
    }
    if (write == NULL) return licit_fail(error, LICIT_INVALID_REQUEST, "licit_write_retrying needs a write");
    licit_error last;
    for (unsigned attempt = 1;; attempt++) {
        memset(&last, 0, sizeof last);
        licit_result result = write(client, id, context, &last);
        if (result == LICIT_OK) return LICIT_OK;
        last.result = result;
        if (last.request_id[0] == '\0') licit_copy_text(last.request_id, sizeof last.request_id, id);
        int64_t wait = licit_retry_wait_ms(&last, attempt, policy);
        if (wait < 0) {
            if (error) *error = last;
            return result;
        }
        pause_servicing(client, wait);
    }
}
