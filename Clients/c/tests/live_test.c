/*
 * Against a real exchange: `licitd sandbox` on a free port, started here ($LICITD, default
 * /work/main/.build/debug/licitd). France (fr-signer) imports from India (in-signer); the typed
 * calls of the other methods use other countries (see their section below).
 *
 *   live_test [EXAMPLE]   EXAMPLE: the authorization_cycle example, also run against the sandbox
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "internal.h" /* to send a frame the library never sends */
#include "licit/licit.h"
#include "sandbox.h"

#define FORM "MORPHINE-HYDROCHLORIDE-TRIHYDRATE" /* base = traded x 0.7592 */

static sandbox box;

typedef struct connected {
    licit_client *client;
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
} connected;

static licit_client *connect_as(connected *slot, const char *account)
{
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000; /* valgrind makes handshakes slow */
    slot->client = NULL;
    CHECK(sandbox_config(&box, account, &config, slot->certificate, slot->key) == 0, "no account %s", account);
    licit_error error;
    licit_result result = licit_connect(&config, &slot->client, &error);
    CHECK(result == LICIT_OK, "connect as %s: %s", account, error.message);
    return result == LICIT_OK ? slot->client : NULL;
}

static void exchange_day(licit_client *client, int days, char out[11])
{
    time_t seconds = (time_t)(licit_client_server_time_ms(client) / 1000) + (time_t)days * 86400;
    struct tm day;
    gmtime_r(&seconds, &day);
    strftime(out, 11, "%Y-%m-%d", &day);
}

/* An IA of France for `traded_mg` of morphine hydrochloride from India, valid 90 days. */
typedef struct ia_draft {
    Licit__V1__ImportAuthorizationContent content;
    Licit__V1__Trader importer, exporter;
    Licit__V1__Line line, *lines[1];
    Licit__V1__Period period;
    char number[64], first[11], last[11];
} ia_draft;

static void draft_ia(ia_draft *ia, licit_client *france, const char *number, int64_t traded_mg)
{
    Licit__V1__ImportAuthorizationContent content = LICIT__V1__IMPORT_AUTHORIZATION_CONTENT__INIT;
    Licit__V1__Trader trader = LICIT__V1__TRADER__INIT;
    Licit__V1__Line line = LICIT__V1__LINE__INIT;
    Licit__V1__Period period = LICIT__V1__PERIOD__INIT;
    ia->content = content;
    ia->importer = ia->exporter = trader;
    ia->line = line;
    ia->period = period;
    snprintf(ia->number, sizeof ia->number, "%s", number);
    exchange_day(france, 0, ia->first);
    exchange_day(france, 90, ia->last);
    ia->importer.id = "FR-ANSM-T1";
    ia->exporter.name = "India Pharma Ltd";
    ia->exporter.address = "1 Harbour Road, India";
    ia->line.form = FORM;
    ia->line.traded_mg = traded_mg;
    ia->lines[0] = &ia->line;
    ia->period.first = ia->first;
    ia->period.last = ia->last;
    ia->content.number = ia->number;
    ia->content.exporting_country = "IN";
    ia->content.importer = &ia->importer;
    ia->content.exporter = &ia->exporter;
    ia->content.n_lines = 1;
    ia->content.lines = ia->lines;
    ia->content.period = &ia->period;
    ia->content.multiple_consignments = 1;
}

static Licit__V1__Document *issue_ia(licit_client *france, const char *number, int64_t traded_mg)
{
    ia_draft ia;
    draft_ia(&ia, france, number, traded_mg);
    Licit__V1__Document *document = NULL;
    licit_error error;
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, NULL, 0, &document, &error) == LICIT_OK,
          "issue %s: %s %s", number, error.reason_text, error.message);
    return document;
}

/* Reads the subscription until an event of `kind` about `number` arrives, acknowledging each. */
static int await_event(licit_client *client, licit_subscription *inbox, const char *kind, const char *number)
{
    licit_error error;
    for (int events = 0; events < 100; events++) {
        Licit__V1__InboxEvent *event = NULL;
        licit_result result = licit_subscription_next(client, inbox, 15000, &event, &error);
        CHECK(result == LICIT_OK, "waiting for %s %s: %s %s", kind, number, licit_result_name(result), error.message);
        if (result != LICIT_OK) return 0;
        int found = strcmp(event->kind, kind) == 0 && event->document && strcmp(event->document->number, number) == 0;
        uint64_t acknowledged = 0;
        CHECK(licit_acknowledge(client, event->sequence, NULL, 0, &acknowledged, &error) == LICIT_OK, "ack: %s",
              error.message);
        CHECK(acknowledged >= event->sequence, "cursor %llu after acknowledging %llu",
              (unsigned long long)acknowledged, (unsigned long long)event->sequence);
        licit__v1__inbox_event__free_unpacked(event, NULL);
        if (found) return 1;
    }
    return 0;
}

static int64_t imported_morphine(licit_client *client)
{
    Licit__V1__BalancesResponse *balances = NULL;
    licit_error error;
    int64_t imported = -1;
    CHECK(licit_get_balances(client, NULL, 0, "MORPHINE", 0, &balances, &error) == LICIT_OK, "balances: %s",
          error.message);
    if (balances && balances->n_balances == 1) {
        CHECK(strcmp(balances->balances[0]->limit_kind, "estimate") == 0, "morphine has an estimate");
        imported = balances->balances[0]->imported_mg;
    }
    if (balances) licit__v1__balances_response__free_unpacked(balances, NULL);
    return imported;
}

static void hello_recognises_the_account(void)
{
    connected france;
    licit_client *client = connect_as(&france, "fr-signer");
    if (!client) return;
    const licit_account *account = licit_client_account(client);
    CHECK(strcmp(account->name, "fr-signer") == 0 && strcmp(account->authority, "FR-ANSM") == 0, "account");
    CHECK(account->role == LICIT__V1__ROLE__SIGNER && strcmp(account->country, "FR") == 0, "role and country");
    char fingerprint[65];
    licit_error error;
    CHECK(licit_certificate_fingerprint(france.certificate, fingerprint, &error) == LICIT_OK &&
              strcmp(fingerprint, account->certificate_fingerprint) == 0,
          "fingerprint");
    CHECK(licit_client_limits(client)->max_frame_bytes == 4194304, "limits");
    CHECK(licit_hello(client, &error) == LICIT_OK, "hello again: %s", error.message);
    uint8_t *echoed = NULL;
    size_t size = 0;
    CHECK(licit_echo(client, (const uint8_t *)"ping", 4, 0, &echoed, &size, &error) == LICIT_OK, "echo: %s",
          error.message);
    CHECK(size == 4 && echoed && memcmp(echoed, "ping", 4) == 0, "echoed");
    licit_free(echoed);
    licit_close(client);
}

static void the_ia_ea_endorsement_cycle_between_two_countries(void)
{
    connected slots[2];
    licit_client *france = connect_as(&slots[0], "fr-signer"), *india = connect_as(&slots[1], "in-signer");
    if (!france || !india) goto done;
    licit_error error;
    licit_subscription *india_inbox = NULL, *france_inbox = NULL;
    CHECK(licit_subscribe_inbox(india, 1, 0, 0, &india_inbox, &error) == LICIT_OK, "%s", error.message);
    CHECK(licit_subscribe_inbox(france, 1, 0, 0, &france_inbox, &error) == LICIT_OK, "%s", error.message);
    int64_t imported_before = imported_morphine(france);

    Licit__V1__Document *ia = issue_ia(france, "FR-IA-CYCLE", 10000000);
    Licit__V1__ImportAuthorizationContent *issued = licit_document_import_authorization(ia);
    CHECK(issued != NULL, "the IA's content decodes");
    Licit__V1__Document *ea = NULL, *endorsed = NULL;
    if (!issued) goto close;
    CHECK(strcmp(ia->state->status, "issued") == 0 && strcmp(ia->state->counterpart_authority, "IN-NCB") == 0,
          "IA %s to %s", ia->state->status, ia->state->counterpart_authority);
    CHECK(strcmp(issued->lines[0]->substance, "MORPHINE") == 0 && issued->lines[0]->base_mg == 7592000,
          "base %lld", (long long)issued->lines[0]->base_mg);
    CHECK(await_event(india, india_inbox, "ia_received", "FR-IA-CYCLE"), "India's inbox shows the IA");

    Licit__V1__Citation citation = LICIT__V1__CITATION__INIT;
    citation.number = issued->number;
    citation.issued_on = issued->issued_on;
    citation.authority = issued->authority;
    Licit__V1__Line line = LICIT__V1__LINE__INIT, *lines[] = {&line};
    line.form = FORM;
    line.traded_mg = 6000000;
    Licit__V1__Period period = LICIT__V1__PERIOD__INIT;
    char first[11], last[11];
    exchange_day(india, 0, first);
    exchange_day(india, 30, last);
    period.first = first;
    period.last = last;
    Licit__V1__ExportAuthorizationContent content = LICIT__V1__EXPORT_AUTHORIZATION_CONTENT__INIT;
    content.number = "IN-EA-CYCLE";
    content.import_authorization = &citation;
    content.n_lines = 1;
    content.lines = lines;
    content.period = &period;
    CHECK(licit_issue_export_authorization(india, &content, NULL, NULL, NULL, 0, &ea, &error) == LICIT_OK,
          "EA: %s %s", error.reason_text, error.message);
    if (!ea) goto close;
    CHECK(strcmp(ea->state->status, "issued") == 0, "EA %s", ea->state->status);
    CHECK(await_event(france, france_inbox, "ea_received", "IN-EA-CYCLE"), "France's inbox shows the EA");

    int64_t imported[] = {4500000};
    CHECK(licit_endorse(france, "IN-NCB", "IN-EA-CYCLE", imported, 1, NULL, 0, &endorsed, &error) == LICIT_OK,
          "endorse: %s %s", error.reason_text, error.message);
    if (!endorsed) goto close;
    CHECK(strcmp(endorsed->state->status, "endorsed") == 0 && endorsed->state->n_imported_mg == 1 &&
              endorsed->state->imported_mg[0] == 4500000,
          "endorsed");
    CHECK(await_event(india, india_inbox, "endorsement_received", "IN-EA-CYCLE"), "India hears of the endorsement");

    uint8_t key[LICIT_SEAL_PUBLIC_KEY_BYTES];
    CHECK(licit_get_seal_key(france, 0, key, &error) == LICIT_OK, "seal key: %s", error.message);
    CHECK(memcmp(key, box.seal_public_key, sizeof key) == 0, "the key the manifest publishes");
    CHECK(licit_document_seal_valid(ia, key) && licit_document_seal_valid(endorsed, key), "seals valid");
    ia->content.data[ia->content.len - 1] ^= 1;
    CHECK(!licit_document_seal_valid(ia, key), "an altered IA fails its seal");
    CHECK(imported_morphine(france) - imported_before == 4500000, "France's balance counts the import");

    Licit__V1__Document *fetched = NULL;
    CHECK(licit_get_document(india, "FR-ANSM", "FR-IA-CYCLE", 0, &fetched, &error) == LICIT_OK, "%s", error.message);
    CHECK(fetched && strcmp(fetched->state->status, "partly_used") == 0, "the IA is partly used");
    licit_document_free(fetched);
close:
    if (issued) licit__v1__import_authorization_content__free_unpacked(issued, NULL);
    licit_document_free(ia);
    licit_document_free(ea);
    licit_document_free(endorsed);
    licit_subscription_close(india, india_inbox);
    licit_subscription_close(france, france_inbox);
done:
    licit_close(france);
    licit_close(india);
}

static void refusals_carry_code_reason_and_request_id(void)
{
    connected slots[2];
    licit_client *france = connect_as(&slots[0], "fr-signer"), *viewer = connect_as(&slots[1], "fr-viewer");
    if (!france || !viewer) goto done;
    ia_draft ia;
    draft_ia(&ia, france, "FR-IA-TOO-MUCH", 10000000000); /* 7 592 kg of base: over the estimate */
    Licit__V1__Document *document = NULL;
    licit_error error;
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, "refused-1", 0, &document, &error) ==
              LICIT_REJECTED,
          "over the estimate: %s", licit_result_name(error.result));
    CHECK(error.code == LICIT_STATUS_FAILED_PRECONDITION && error.reason == LICIT_REASON_OVER_ESTIMATE,
          "%s/%s", licit_status_code_name(error.code), error.reason_text);
    CHECK(licit_error_detail(&error, "limit") != NULL && error.message[0] != '\0', "figures and message");
    CHECK(strcmp(error.request_id, "refused-1") == 0, "request id %s", error.request_id);

    CHECK(licit_get_document(france, "FR-ANSM", "NO-SUCH", 0, &document, &error) == LICIT_REJECTED &&
              error.code == LICIT_STATUS_NOT_FOUND && error.reason == LICIT_REASON_DOCUMENT_NOT_FOUND,
          "not found: %s", error.reason_text);
    draft_ia(&ia, viewer, "FR-IA-VIEWER", 1000000);
    CHECK(licit_issue_import_authorization(viewer, &ia.content, NULL, NULL, 0, &document, &error) == LICIT_REJECTED &&
              error.code == LICIT_STATUS_PERMISSION_DENIED && error.reason == LICIT_REASON_ROLE_NOT_PERMITTED,
          "a viewer may not issue: %s", error.reason_text);
    CHECK(licit_invoke(france, "licit.v1.Nope/Nothing", NULL, 0, 0, NULL, NULL, NULL, &error) == LICIT_REJECTED &&
              error.code == LICIT_STATUS_UNIMPLEMENTED && error.reason == LICIT_REASON_UNKNOWN_METHOD,
          "unknown method: %s", error.reason_text);
    CHECK(licit_invoke(france, "licit.v1.Session/Echo", NULL, 0, 0, "not valid!", NULL, NULL, &error) ==
              LICIT_INVALID_REQUEST,
          "a malformed request id is refused locally");
done:
    licit_close(france);
    licit_close(viewer);
}

static void an_oversized_request_is_refused_before_sending(void)
{
    connected slot;
    licit_client *client = connect_as(&slot, "fr-signer");
    if (!client) return;
    uint32_t limit = licit_client_limits(client)->max_frame_bytes;
    size_t big = (size_t)limit + 1;
    uint8_t *data = calloc(1, big);
    uint8_t *echoed = NULL;
    size_t size = 0;
    licit_error error;
    CHECK(licit_echo(client, data, big, 0, &echoed, &size, &error) == LICIT_INVALID_REQUEST, "refused: %s",
          licit_result_name(error.result));
    CHECK(strstr(error.message, "not sent") != NULL, "says so: %s", error.message);
    /* Had it been sent, the exchange would have sent GoAway frame_too_large and closed. */
    CHECK(licit_service(client, 300, &error) == LICIT_OK, "the connection is still open: %s", error.message);
    /* A large frame under the limit goes through, in many partial reads and writes. */
    CHECK(licit_echo(client, data, 1 << 20, 0, &echoed, &size, &error) == LICIT_OK, "1 MiB echo: %s",
          error.message);
    CHECK(size == 1 << 20 && memcmp(echoed, data, size) == 0, "1 MiB echoed");
    licit_free(echoed);
    free(data);
    licit_close(client);
}

static void pipelined_calls_are_matched_by_call_id(void)
{
    connected slot;
    licit_client *client = connect_as(&slot, "in-signer");
    if (!client) return;
    enum { CALLS = 8 };
    licit_call *calls[CALLS] = {0};
    char texts[CALLS][16];
    licit_error error;
    for (int i = 0; i < CALLS; i++) {
        snprintf(texts[i], sizeof texts[i], "call-%d", i);
        Licit__V1__EchoRequest request = LICIT__V1__ECHO_REQUEST__INIT;
        request.data.data = (uint8_t *)texts[i];
        request.data.len = strlen(texts[i]);
        uint8_t payload[32];
        size_t size = licit__v1__echo_request__pack(&request, payload);
        CHECK(licit_call_start(client, "licit.v1.Session/Echo", payload, size, 0, NULL, &calls[i], &error) ==
                  LICIT_OK,
              "start %d: %s", i, error.message);
    }
    for (int i = CALLS - 1; i >= 0; i--) { /* in reverse: answers are kept for their calls */
        uint8_t *answer = NULL;
        size_t size = 0;
        if (!calls[i]) continue;
        CHECK(licit_call_wait(client, calls[i], &answer, &size, &error) == LICIT_OK, "wait %d: %s", i, error.message);
        Licit__V1__EchoResponse *echo = licit__v1__echo_response__unpack(NULL, size, answer);
        CHECK(echo && echo->data.len == strlen(texts[i]) && memcmp(echo->data.data, texts[i], echo->data.len) == 0,
              "call %d got its own answer", i);
        if (echo) licit__v1__echo_response__free_unpacked(echo, NULL);
        licit_free(answer);
        licit_call_free(client, calls[i]);
    }
    licit_close(client);
}

static void a_replayed_write_returns_the_original(void)
{
    connected slot;
    licit_client *france = connect_as(&slot, "fr-signer");
    if (!france) return;
    ia_draft ia;
    draft_ia(&ia, france, "FR-IA-REPLAY", 1000000);
    Licit__V1__Document *first = NULL, *again = NULL, *other = NULL;
    licit_error error;
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, "replay-1", 0, &first, &error) == LICIT_OK,
          "%s", error.message);
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, "replay-1", 0, &again, &error) == LICIT_OK,
          "the replay: %s", error.message);
    CHECK(first && again && first->seal.len == 64 && again->seal.len == 64 &&
              memcmp(first->seal.data, again->seal.data, 64) == 0,
          "the same sealed document");
    ia.line.traded_mg = 2000000;
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, "replay-1", 0, &other, &error) ==
                  LICIT_REJECTED &&
              error.code == LICIT_STATUS_ALREADY_EXISTS && error.reason == LICIT_REASON_REQUEST_ID_REUSED,
          "another payload under the same id: %s", error.reason_text);
    licit_document_free(first);
    licit_document_free(again);
    licit_document_free(other);
    licit_close(france);
}

/* Stops the process and waits until every one of its threads has stopped: kill() returns before
 * the signal is delivered, and a thread still running could answer a request sent meanwhile. */
static int thread_stopped(pid_t pid, const char *thread)
{
    char path[300], stat[512] = {0}; /* room for any d_name */
    snprintf(path, sizeof path, "/proc/%d/task/%s/stat", (int)pid, thread);
    FILE *file = fopen(path, "r");
    if (!file) return 1; /* gone */
    size_t length = fread(stat, 1, sizeof stat - 1, file);
    fclose(file);
    const char *state = length ? strrchr(stat, ')') : NULL;
    return state && state[1] == ' ' && (state[2] == 'T' || state[2] == 't');
}

static void stop_process(pid_t pid)
{
    kill(pid, SIGSTOP);
    char tasks[64];
    snprintf(tasks, sizeof tasks, "/proc/%d/task", (int)pid);
    for (int attempt = 0; attempt < 1000; attempt++) {
        DIR *directory = opendir(tasks);
        if (!directory) return;
        int running = 0;
        for (struct dirent *entry; (entry = readdir(directory));) {
            if (entry->d_name[0] != '.' && !thread_stopped(pid, entry->d_name)) running = 1;
        }
        closedir(directory);
        if (!running) return;
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
    }
}

/* The exchange stops answering (SIGSTOP): a write is indeterminate, a read deadline-exceeded. */
static void an_unanswered_write_is_indeterminate_and_retried_with_its_request_id(void)
{
    connected slot;
    licit_client *france = connect_as(&slot, "fr-signer");
    if (!france) return;
    ia_draft ia;
    draft_ia(&ia, france, "FR-IA-UNSURE", 1000000);
    Licit__V1__Document *document = NULL;
    Licit__V1__BalancesResponse *balances = NULL;
    licit_error error;
    stop_process(box.pid);
    licit_result write = licit_issue_import_authorization(france, &ia.content, NULL, NULL, 300, &document, &error);
    char request_id[LICIT_REQUEST_ID_SIZE];
    snprintf(request_id, sizeof request_id, "%s", error.request_id);
    licit_result read = licit_get_balances(france, NULL, 0, NULL, 300, &balances, &error);
    kill(box.pid, SIGCONT);
    CHECK(write == LICIT_INDETERMINATE, "the write: %s", licit_result_name(write));
    CHECK(strlen(request_id) == 36, "the error carries the generated request id: %s", request_id);
    CHECK(read == LICIT_DEADLINE_EXCEEDED, "the read: %s", licit_result_name(read));
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, request_id, 0, &document, &error) == LICIT_OK,
          "the retry with the same request id: %s %s", error.reason_text, error.message);
    CHECK(document && strcmp(document->state->status, "issued") == 0, "issued once");
    licit_document_free(document);
    document = NULL;
    CHECK(licit_issue_import_authorization(france, &ia.content, NULL, NULL, 0, &document, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_DUPLICATE_NUMBER,
          "a new request for the same number is a duplicate: %s", error.reason_text);
    licit_close(france);
}

static void documents_are_listed_and_cancelled(void)
{
    connected slot;
    licit_client *france = connect_as(&slot, "fr-signer");
    if (!france) return;
    licit_document_free(issue_ia(france, "FR-IA-CANCEL", 1000000));
    Licit__V1__ListDocumentsRequest filter = LICIT__V1__LIST_DOCUMENTS_REQUEST__INIT;
    filter.kind = LICIT__V1__DOCUMENT_KIND__IMPORT_AUTHORIZATION;
    filter.status = "issued";
    Licit__V1__ListDocumentsResponse *page = NULL;
    licit_error error;
    CHECK(licit_list_documents(france, &filter, 0, &page, &error) == LICIT_OK, "%s", error.message);
    int listed = 0;
    for (size_t i = 0; page && i < page->n_documents; i++) {
        Licit__V1__ImportAuthorizationContent *ia = licit_document_import_authorization(page->documents[i]);
        listed += ia && strcmp(ia->number, "FR-IA-CANCEL") == 0;
        if (ia) licit__v1__import_authorization_content__free_unpacked(ia, NULL);
    }
    CHECK(listed == 1, "the issued IA is listed once");
    if (page) licit__v1__list_documents_response__free_unpacked(page, NULL);
    Licit__V1__Document *cancelled = NULL;
    CHECK(licit_cancel(france, "FR-IA-CANCEL", "issued by mistake", NULL, NULL, 0, &cancelled, &error) == LICIT_OK,
          "%s", error.message);
    CHECK(cancelled && strcmp(cancelled->state->status, "cancelled") == 0 &&
              strcmp(cancelled->state->cancellation_reason, "issued by mistake") == 0,
          "cancelled with its reason");
    licit_document_free(cancelled);
    cancelled = NULL;
    CHECK(licit_cancel(france, "FR-IA-CANCEL", "again", NULL, NULL, 0, &cancelled, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_INVALID_TRANSITION,
          "a cancelled IA cannot be cancelled: %s", error.reason_text);
    Licit__V1__ListEventsResponse *events = NULL;
    CHECK(licit_list_events(france, 0, 0, 0, &events, &error) == LICIT_OK, "%s", error.message);
    if (events) licit__v1__list_events_response__free_unpacked(events, NULL);
    licit_close(france);
}

static void a_paper_partner_document_is_recorded_and_its_scan_read_back(void)
{
    connected slot, other;
    licit_client *france = connect_as(&slot, "fr-signer");
    licit_client *india = connect_as(&other, "in-signer");
    if (!france || !india) return;
    ia_draft ia;
    draft_ia(&ia, france, "NP-IA-C", 1000000);
    char issued_on[11];
    exchange_day(france, 0, issued_on);
    Licit__V1__Trader importer = LICIT__V1__TRADER__INIT, exporter = LICIT__V1__TRADER__INIT;
    importer.name = "Bir Hospital";
    importer.address = "Kathmandu";
    exporter.id = "FR-ANSM-T1";
    ia.content.authority = "NP-NOBODY";
    ia.content.importing_country = "NP";
    ia.content.exporting_country = "FR";
    ia.content.issued_on = issued_on;
    ia.content.importer = &importer;
    ia.content.exporter = &exporter;
    static const uint8_t scan[] = "%PDF-1.4 Nepal's import certificate";
    Licit__V1__PaperDocumentRequest request = LICIT__V1__PAPER_DOCUMENT_REQUEST__INIT;
    request.content_case = LICIT__V1__PAPER_DOCUMENT_REQUEST__CONTENT_IMPORT_AUTHORIZATION;
    request.import_authorization = &ia.content;
    request.scan.data = (uint8_t *)scan;
    request.scan.len = sizeof scan - 1;
    request.scan_media_type = "application/pdf";
    Licit__V1__Document *document = NULL;
    licit_error error;
    CHECK(licit_record_paper_document(france, &request, NULL, 0, &document, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_UNKNOWN_AUTHORITY,
          "a foreign CNA the reference data does not list: %s", error.reason_text);
    ia.content.authority = "NP-DDA";
    CHECK(licit_record_paper_document(france, &request, NULL, 0, &document, &error) == LICIT_OK, "record: %s %s",
          error.reason_text, error.message);
    CHECK(document && document->state->paper && strcmp(document->state->recorded_by, "FR-ANSM") == 0,
          "recorded from paper by FR-ANSM");
    Licit__V1__ScanResponse *saved = NULL;
    CHECK(licit_get_scan(france, "NP-DDA", "NP-IA-C", 0, 0, &saved, &error) == LICIT_OK, "scan: %s", error.message);
    CHECK(saved && saved->scan.len == sizeof scan - 1 && memcmp(saved->scan.data, scan, saved->scan.len) == 0 &&
              document && strcmp(saved->sha256, document->state->scan_sha256) == 0,
          "the scan comes back as recorded");
    if (saved) licit__v1__scan_response__free_unpacked(saved, NULL);
    saved = NULL;
    CHECK(licit_get_scan(india, "NP-DDA", "NP-IA-C", 0, 0, &saved, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_DOCUMENT_NOT_FOUND,
          "hidden from India: %s", error.reason_text);
    licit_document_free(document);
    licit_close(france);
    licit_close(india);
}

static void a_supplementary_estimate_is_requested_and_listed(void)
{
    connected slot;
    licit_client *france = connect_as(&slot, "fr-signer");
    if (!france) return;
    Licit__V1__SupplementaryEstimate *estimate = NULL;
    licit_error error;
    CHECK(licit_request_supplementary_estimate(france, "CODEINE", 2000000, 0, "a new hospital opens", NULL, 0,
                                               &estimate, &error) == LICIT_OK,
          "request: %s %s", error.reason_text, error.message);
    CHECK(estimate && strcmp(estimate->status, "requested") == 0 && estimate->requested_mg == 2000000,
          "requested as asked");
    Licit__V1__ListSupplementaryResponse *listed = NULL;
    CHECK(licit_list_supplementary_estimates(france, NULL, "requested", 0, &listed, &error) == LICIT_OK, "list: %s",
          error.message);
    int found = 0;
    for (size_t i = 0; listed && estimate && i < listed->n_estimates; i++)
        found += strcmp(listed->estimates[i]->id, estimate->id) == 0;
    CHECK(found == 1, "the request is listed once");
    if (listed) licit__v1__list_supplementary_response__free_unpacked(listed, NULL);
    if (estimate) licit__v1__supplementary_estimate__free_unpacked(estimate, NULL);
    estimate = NULL;
    CHECK(licit_request_supplementary_estimate(france, "CODEINE", 0, 0, "nothing", NULL, 0, &estimate, &error) ==
                  LICIT_REJECTED &&
              error.reason == LICIT_REASON_INVALID_ESTIMATE_REQUEST,
          "no quantity: %s", error.reason_text);
    licit_close(france);
}

/* How many of the inbox's targets in force are `id` (-1 when the list failed). */
static int listed_times(licit_client *client, const char *id, size_t *count)
{
    Licit__V1__ListNotificationsResponse *listed = NULL;
    licit_error error;
    licit_result result = licit_list_notification_targets(client, 0, &listed, &error);
    CHECK(result == LICIT_OK, "list targets: %s %s", error.reason_text, error.message);
    if (result != LICIT_OK) return -1;
    int found = 0;
    for (size_t i = 0; i < listed->n_targets; i++) found += strcmp(listed->targets[i]->id, id) == 0;
    if (count) *count = listed->n_targets;
    licit__v1__list_notifications_response__free_unpacked(listed, NULL);
    return found;
}

/* Switzerland's country admin, whose inbox no other test reads. The webhook points at
 * 127.0.0.1:1, where nothing listens: the exchange's deliveries fail and are retried, unwaited. */
static void notification_targets_are_registered_listed_and_removed(void)
{
    connected slot, signer_slot;
    licit_client *admin = connect_as(&slot, "ch-admin");
    if (!admin) return;
    const char *hook = "https://127.0.0.1:1/licit", *secret = "s3cret-for-the-c-tests";
    const char *kinds[] = {"ia_received", "estimate_confirmed"};
    licit_error error;
    size_t before = 0;
    CHECK(listed_times(admin, "", &before) == 0, "no target has an empty id");

    Licit__V1__NotificationTarget *webhook = NULL, *email = NULL, *removed = NULL, *again = NULL;
    CHECK(licit_register_webhook(admin, hook, secret, kinds, 2, NULL, 0, &webhook, &error) == LICIT_OK,
          "register a webhook: %s %s", error.reason_text, error.message);
    CHECK(webhook && strncmp(webhook->id, "CH-SWISSMEDIC-", 14) == 0 && strcmp(webhook->channel, "webhook") == 0 &&
              strcmp(webhook->address, hook) == 0 && webhook->n_kinds == 2 &&
              strcmp(webhook->kinds[1], "estimate_confirmed") == 0 && strcmp(webhook->registered_by, "ch-admin") == 0 &&
              webhook->removed_at_ms == 0,
          "the webhook as registered");
    CHECK(licit_register_email(admin, "licit@swissmedic.example.org", NULL, 0, NULL, 0, &email, &error) == LICIT_OK,
          "register an e-mail address: %s %s", error.reason_text, error.message);
    CHECK(email && strcmp(email->channel, "email") == 0 && email->n_kinds == 0, "the e-mail target, every kind");
    size_t count = 0;
    if (webhook && email) {
        CHECK(listed_times(admin, webhook->id, &count) == 1 && listed_times(admin, email->id, NULL) == 1, "listed");
        CHECK(count == before + 2, "%zu targets, %zu before", count, before);

        CHECK(licit_remove_notification_target(admin, webhook->id, NULL, 0, &removed, &error) == LICIT_OK,
              "remove: %s %s", error.reason_text, error.message);
        CHECK(removed && strcmp(removed->id, webhook->id) == 0 && removed->removed_at_ms > 0, "removed");
        CHECK(listed_times(admin, webhook->id, NULL) == 0, "no longer listed");
        CHECK(licit_remove_notification_target(admin, webhook->id, NULL, 0, &again, &error) == LICIT_REJECTED &&
                  error.code == LICIT_STATUS_NOT_FOUND && error.reason == LICIT_REASON_NOT_FOUND && again == NULL,
              "removed twice: %s %s", licit_status_code_name(error.code), error.reason_text);
        if (removed) licit__v1__notification_target__free_unpacked(removed, NULL);
        removed = NULL;
        CHECK(licit_remove_notification_target(admin, email->id, NULL, 0, &removed, &error) == LICIT_OK, "%s",
              error.message);
    }

    /* A replayed registration is answered with the original target. */
    char request_id[LICIT_REQUEST_ID_SIZE];
    CHECK(licit_new_request_id(request_id) == LICIT_OK, "request id");
    Licit__V1__NotificationTarget *first = NULL, *second = NULL;
    CHECK(licit_register_webhook(admin, hook, secret, NULL, 0, request_id, 0, &first, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(licit_register_webhook(admin, hook, secret, NULL, 0, request_id, 0, &second, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(first && second && strcmp(first->id, second->id) == 0, "the same target");
    if (first) {
        CHECK(listed_times(admin, first->id, NULL) == 1, "registered once");
        Licit__V1__NotificationTarget *gone = NULL;
        CHECK(licit_remove_notification_target(admin, first->id, NULL, 0, &gone, &error) == LICIT_OK, "%s",
              error.message);
        if (gone) licit__v1__notification_target__free_unpacked(gone, NULL);
    }

    /* Refused: a URL that is not https, a short secret, an unknown kind. */
    Licit__V1__NotificationTarget *refused = NULL;
    CHECK(licit_register_webhook(admin, "http://receiver.example.org/licit", secret, NULL, 0, NULL, 0, &refused,
                                 &error) == LICIT_REJECTED &&
              error.code == LICIT_STATUS_INVALID_ARGUMENT && error.reason == LICIT_REASON_INVALID_NOTIFICATION_TARGET,
          "http: %s %s", licit_status_code_name(error.code), error.reason_text);
    CHECK(refused == NULL, "no target on a refusal");
    CHECK(licit_register_webhook(admin, hook, "too-short", NULL, 0, NULL, 0, &refused, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_INVALID_NOTIFICATION_TARGET,
          "a short secret: %s", error.reason_text);
    const char *unknown[] = {"tea_time"};
    CHECK(licit_register_webhook(admin, hook, secret, unknown, 1, NULL, 0, &refused, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_UNKNOWN_EVENT_KIND,
          "an unknown kind: %s", error.reason_text);
    CHECK(licit_register_webhook(admin, hook, secret, NULL, 1, NULL, 0, &refused, &error) == LICIT_INVALID_REQUEST,
          "a count without kinds is refused before sending");
    CHECK(listed_times(admin, "", &count) == 0 && count == before, "nothing left registered");

    licit_client *signer = connect_as(&signer_slot, "ch-signer");
    if (signer) {
        Licit__V1__ListNotificationsResponse *listed = NULL;
        CHECK(licit_list_notification_targets(signer, 0, &listed, &error) == LICIT_REJECTED &&
                  error.reason == LICIT_REASON_ROLE_NOT_PERMITTED && listed == NULL,
              "a signer may not: %s", error.reason_text);
        licit_close(signer);
    }
    if (webhook) licit__v1__notification_target__free_unpacked(webhook, NULL);
    if (email) licit__v1__notification_target__free_unpacked(email, NULL);
    if (removed) licit__v1__notification_target__free_unpacked(removed, NULL);
    if (first) licit__v1__notification_target__free_unpacked(first, NULL);
    if (second) licit__v1__notification_target__free_unpacked(second, NULL);
    licit_close(admin);
}

/* ---------------------------------------------------------------- the other methods' typed calls
 * Each test below works with countries no other test uses: documents, Ghana importing from Kenya;
 * reference data, Brazil; accounts, Australia; estimates, Mexico; returns, Canada; the Board's
 * reads, Japan importing from Thailand and recording a paper IA of Haiti. */

static int exchange_year(licit_client *client)
{
    char today[11];
    exchange_day(client, 0, today);
    return atoi(today);
}

/* 1 when a validation lists a problem with `reason`. */
static int has_problem(const Licit__V1__ValidationResponse *validation, const char *reason)
{
    for (size_t i = 0; validation && i < validation->n_problems; i++)
        if (strcmp(validation->problems[i]->reason, reason) == 0) return 1;
    return 0;
}

static int refused_with(licit_result result, const licit_error *error, licit_reason reason)
{
    return result == LICIT_REJECTED && error->reason == reason;
}

/* An IA of the caller's country for morphine from `exporting_country`, its importer the caller's
 * CNA's first trader. */
static void draft_ia_from(ia_draft *ia, licit_client *client, const char *number, const char *exporting_country,
                          int64_t traded_mg, char importer[80])
{
    draft_ia(ia, client, number, traded_mg);
    snprintf(importer, 80, "%s-T1", licit_client_account(client)->authority);
    ia->importer.id = importer;
    ia->content.exporting_country = (char *)exporting_country;
}

/* An EA of the caller's CNA against `ia`, for `traded_mg`, valid 30 days. */
typedef struct ea_draft {
    Licit__V1__ExportAuthorizationContent content;
    Licit__V1__Citation citation;
    Licit__V1__Line line, *lines[1];
    Licit__V1__Period period;
    char first[11], last[11];
} ea_draft;

static void draft_ea(ea_draft *ea, licit_client *client, const char *number,
                     const Licit__V1__ImportAuthorizationContent *ia, int64_t traded_mg)
{
    Licit__V1__ExportAuthorizationContent content = LICIT__V1__EXPORT_AUTHORIZATION_CONTENT__INIT;
    Licit__V1__Citation citation = LICIT__V1__CITATION__INIT;
    Licit__V1__Line line = LICIT__V1__LINE__INIT;
    Licit__V1__Period period = LICIT__V1__PERIOD__INIT;
    ea->content = content;
    ea->citation = citation;
    ea->line = line;
    ea->period = period;
    ea->citation.number = ia->number;
    ea->citation.issued_on = ia->issued_on;
    ea->citation.authority = ia->authority;
    ea->line.form = FORM;
    ea->line.traded_mg = traded_mg;
    ea->lines[0] = &ea->line;
    exchange_day(client, 0, ea->first);
    exchange_day(client, 30, ea->last);
    ea->period.first = ea->first;
    ea->period.last = ea->last;
    ea->content.number = (char *)number;
    ea->content.import_authorization = &ea->citation;
    ea->content.n_lines = 1;
    ea->content.lines = ea->lines;
    ea->content.period = &ea->period;
}

static void validations_drafts_amendments_and_history(void)
{
    connected slots[3];
    licit_client *officer = connect_as(&slots[0], "gh-officer"), *ghana = connect_as(&slots[1], "gh-signer");
    licit_client *kenya = connect_as(&slots[2], "ke-signer");
    licit_error error;
    ia_draft ia;
    char importer[80];
    Licit__V1__ValidationResponse *checked = NULL;
    Licit__V1__Document *draft = NULL, *issued = NULL, *amended = NULL, *old = NULL;
    Licit__V1__HistoryResponse *history = NULL;
    Licit__V1__ImportAuthorizationContent *cited = NULL;
    if (!officer || !ghana || !kenya) goto done;

    draft_ia_from(&ia, ghana, "GH-IA-CHECK", "KE", 10000000000, importer);
    CHECK(licit_validate_import_authorization(ghana, &ia.content, 0, &checked, &error) == LICIT_OK, "validate: %s",
          error.message);
    CHECK(checked && checked->n_problems == 1 && has_problem(checked, "over_estimate"), "over the estimate");
    CHECK(checked && checked->document && checked->document->seal.len == 0, "a validation is unsealed");
    if (checked) licit__v1__validation_response__free_unpacked(checked, NULL);
    checked = NULL;
    ia.line.traded_mg = 1000000;
    CHECK(licit_validate_import_authorization(ghana, &ia.content, 0, &checked, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(checked && checked->n_problems == 0 && checked->n_balances_after >= 1, "it would be accepted");
    if (checked) licit__v1__validation_response__free_unpacked(checked, NULL);
    checked = NULL;

    draft_ia_from(&ia, officer, "GH-IA-DRAFT", "KE", 1000000, importer);
    CHECK(licit_draft_import_authorization(officer, &ia.content, NULL, 0, &draft, &error) == LICIT_OK,
          "draft: %s %s", error.reason_text, error.message);
    CHECK(draft && strcmp(draft->state->status, "draft") == 0 && draft->seal.len == 0, "a draft, unsealed");
    CHECK(refused_with(licit_issue_import_authorization_from_draft(ghana, "GH-IA-NO-DRAFT", NULL, NULL, 0, &issued,
                                                                   &error),
                       &error, LICIT_REASON_DRAFT_NOT_FOUND),
          "no such draft: %s", error.reason_text);
    CHECK(licit_issue_import_authorization_from_draft(ghana, "GH-IA-DRAFT", NULL, NULL, 0, &issued, &error) ==
              LICIT_OK,
          "issue the draft: %s %s", error.reason_text, error.message);
    CHECK(issued && strcmp(issued->state->status, "issued") == 0 && issued->seal.len == 64, "issued and sealed");

    draft_ia_from(&ia, ghana, "GH-IA-AMENDED", "KE", 2000000, importer);
    ia.content.supersedes = "GH-IA-DRAFT";
    CHECK(licit_amend_import_authorization(ghana, &ia.content, NULL, NULL, 0, &amended, &error) == LICIT_OK,
          "amend: %s %s", error.reason_text, error.message);
    CHECK(amended && strcmp(amended->state->status, "issued") == 0, "the amendment is issued");
    CHECK(licit_get_document(ghana, "GH-FDA", "GH-IA-DRAFT", 0, &old, &error) == LICIT_OK, "%s", error.message);
    CHECK(old && strcmp(old->state->status, "superseded") == 0 &&
              strcmp(old->state->superseded_by, "GH-IA-AMENDED") == 0,
          "the old IA is superseded by the new");

    CHECK(licit_get_history(ghana, "GH-FDA", "GH-IA-DRAFT", 0, &history, &error) == LICIT_OK, "history: %s",
          error.message);
    size_t entries = history ? history->n_entries : 0;
    CHECK(entries >= 2 && strcmp(history->entries[entries - 2]->action, "issued") == 0 &&
              strcmp(history->entries[entries - 1]->action, "superseded") == 0 &&
              strcmp(history->entries[entries - 1]->authority, "GH-FDA") == 0,
          "issued, then superseded (%zu entries)", entries);

    Licit__V1__Document *seen = NULL;
    CHECK(licit_get_document(kenya, "GH-FDA", "GH-IA-AMENDED", 0, &seen, &error) == LICIT_OK, "%s", error.message);
    cited = licit_document_import_authorization(seen);
    licit_document_free(seen);
    CHECK(cited != NULL, "Kenya sees the amended IA");
    if (!cited) goto done;
    ea_draft ea;
    draft_ea(&ea, kenya, "KE-EA-CHECK", cited, 3000000);
    CHECK(licit_validate_export_authorization(kenya, &ea.content, NULL, 0, &checked, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(has_problem(checked, "over_remaining_ia"), "more than the IA authorizes");
    if (checked) licit__v1__validation_response__free_unpacked(checked, NULL);
    checked = NULL;
    ea.line.traded_mg = 1500000;
    CHECK(licit_validate_export_authorization(kenya, &ea.content, NULL, 0, &checked, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(checked && checked->n_problems == 0 && checked->n_balances_after == 0, "it fits, and shows no balance");
done:
    if (checked) licit__v1__validation_response__free_unpacked(checked, NULL);
    if (history) licit__v1__history_response__free_unpacked(history, NULL);
    if (cited) licit__v1__import_authorization_content__free_unpacked(cited, NULL);
    licit_document_free(draft);
    licit_document_free(issued);
    licit_document_free(amended);
    licit_document_free(old);
    licit_close(officer);
    licit_close(ghana);
    licit_close(kenya);
}

static void reference_data_traders_and_accounts(void)
{
    connected slots[3];
    licit_client *brazil = connect_as(&slots[0], "br-signer"), *admin = connect_as(&slots[1], "br-admin");
    licit_client *board = connect_as(&slots[2], "board-admin");
    licit_error error;
    Licit__V1__ReferenceData *data = NULL;
    Licit__V1__Trader *trader = NULL;
    Licit__V1__ListAccountsResponse *accounts = NULL;
    if (!brazil || !admin || !board) goto done;

    CHECK(licit_get_reference(brazil, "BR", 0, &data, &error) == LICIT_OK, "reference: %s", error.message);
    int brazil_on = 0, nepal_on_paper = 0, own_trader = 0, reason = 0;
    for (size_t i = 0; data && i < data->n_countries; i++) {
        brazil_on += strcmp(data->countries[i]->code, "BR") == 0 && data->countries[i]->participating;
        nepal_on_paper += strcmp(data->countries[i]->code, "NP") == 0 && !data->countries[i]->participating;
    }
    for (size_t i = 0; data && i < data->n_traders; i++)
        own_trader += strcmp(data->traders[i]->id, "BR-ANVISA-T1") == 0;
    for (size_t i = 0; data && i < data->n_reasons; i++)
        reason += strcmp(data->reasons[i]->code, "over_estimate") == 0;
    CHECK(brazil_on == 1 && nepal_on_paper == 1, "Brazil on the exchange, Nepal a paper partner");
    CHECK(own_trader == 1 && reason == 1, "Brazil's trader and the reasons");
    CHECK(data && data->n_allowances > 0 && strcmp(data->allowances[0]->country, "BR") == 0, "Brazil's estimates");

    CHECK(licit_register_trader(brazil, NULL, "Recife Hospital", "Rua 1, Recife", NULL, 0, &trader, &error) ==
              LICIT_OK,
          "register: %s %s", error.reason_text, error.message);
    CHECK(trader && strncmp(trader->id, "BR-ANVISA-T", 11) == 0 && strcmp(trader->country, "BR") == 0,
          "a trader of Brazil's CNA");
    CHECK(licit_list_accounts(brazil, 0, &accounts, &error) == LICIT_REJECTED &&
              error.reason == LICIT_REASON_ROLE_NOT_PERMITTED,
          "a signer lists no accounts: %s", error.reason_text);

    CHECK(licit_list_accounts(admin, 0, &accounts, &error) == LICIT_OK, "%s", error.message);
    int brazilians = 0, others = 0;
    for (size_t i = 0; accounts && i < accounts->n_accounts; i++) {
        brazilians += strcmp(accounts->accounts[i]->country, "BR") == 0;
        others += strcmp(accounts->accounts[i]->country, "BR") != 0;
    }
    CHECK(brazilians >= 4 && others == 0, "a country admin sees its country's accounts");
    if (accounts) licit__v1__list_accounts_response__free_unpacked(accounts, NULL);
    accounts = NULL;
    CHECK(licit_list_accounts(board, 0, &accounts, &error) == LICIT_OK, "%s", error.message);
    int board_admin = 0, france = 0;
    for (size_t i = 0; accounts && i < accounts->n_accounts; i++) {
        board_admin += strcmp(accounts->accounts[i]->name, "board-admin") == 0;
        france += strcmp(accounts->accounts[i]->name, "fr-signer") == 0;
    }
    CHECK(board_admin == 1 && france == 1, "the Board sees every account");
done:
    if (data) licit__v1__reference_data__free_unpacked(data, NULL);
    if (trader) licit__v1__trader__free_unpacked(trader, NULL);
    if (accounts) licit__v1__list_accounts_response__free_unpacked(accounts, NULL);
    licit_close(brazil);
    licit_close(admin);
    licit_close(board);
}

/* A new P-256 key, written as PEM to `key_file`, and a PKCS #10 request for it (DER; free with
 * OPENSSL_free). Returns the request's size, 0 on failure. */
static int certificate_request(const char *key_file, unsigned char **der)
{
    *der = NULL;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509_REQ *request = X509_REQ_new();
    FILE *file = fopen(key_file, "w");
    int size = 0;
    if (key && request && file && X509_REQ_set_version(request, 0) == 1 &&
        X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(request), "CN", MBSTRING_ASC,
                                   (const unsigned char *)"au-admin-2", -1, -1, 0) == 1 &&
        X509_REQ_set_pubkey(request, key) == 1 && X509_REQ_sign(request, key, EVP_sha256()) > 0 &&
        PEM_write_PrivateKey(file, key, NULL, NULL, 0, NULL, NULL) == 1)
        size = i2d_X509_REQ(request, der);
    if (file) fclose(file);
    X509_REQ_free(request);
    EVP_PKEY_free(key);
    return size > 0 ? size : 0;
}

static licit_result connect_with(const char *certificate, const char *key, licit_client **client)
{
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000;
    char unused_certificate[SANDBOX_PATH_SIZE], unused_key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&box, "au-admin", &config, unused_certificate, unused_key) == 0, "the sandbox's CA");
    config.certificate_file = certificate;
    config.private_key_file = key;
    licit_error error;
    *client = NULL;
    return licit_connect(&config, client, &error);
}

static void accounts_are_enrolled_approved_revoked_and_reference_imported(void)
{
    connected slots[2];
    licit_client *australia = connect_as(&slots[0], "au-admin"), *board = connect_as(&slots[1], "board-admin");
    char key_file[SANDBOX_PATH_SIZE + 16], certificate_file[SANDBOX_PATH_SIZE + 16];
    snprintf(key_file, sizeof key_file, "%s/au-key.pem", box.scratch);
    snprintf(certificate_file, sizeof certificate_file, "%s/au-cert.pem", box.scratch);
    unsigned char *request = NULL;
    int request_size = certificate_request(key_file, &request);
    CHECK(request_size > 0, "a certificate request");
    licit_error error;
    Licit__V1__EnrollAccountResponse *enrolled = NULL;
    Licit__V1__Account *approved = NULL, *revoked = NULL;
    Licit__V1__ImportReferenceResponse *imported = NULL;
    licit_client *newcomer = NULL;
    if (!australia || !board || request_size <= 0) goto done;

    CHECK(licit_enroll_account(australia, "au-admin-2", LICIT__V1__ROLE__COUNTRY_ADMIN, NULL, request,
                               (size_t)request_size, NULL, 0, &enrolled, &error) == LICIT_OK,
          "enrol: %s %s", error.reason_text, error.message);
    if (!enrolled) goto done;
    CHECK(enrolled->account && enrolled->account->pending_approval &&
              strcmp(enrolled->account->authority, "AU-ODC") == 0,
          "a country admin enrolled by a country admin awaits the Board");
    FILE *file = fopen(certificate_file, "w");
    CHECK(file && fputs(enrolled->certificate_pem, file) >= 0, "write the certificate");
    if (file) fclose(file);
    CHECK(connect_with(certificate_file, key_file, &newcomer) != LICIT_OK, "pending: Hello refused");
    licit_close(newcomer);
    newcomer = NULL;

    CHECK(licit_approve_account(board, "au-admin-2", 1, NULL, NULL, 0, &approved, &error) == LICIT_OK,
          "approve: %s %s", error.reason_text, error.message);
    CHECK(approved && !approved->pending_approval, "approved");
    CHECK(connect_with(certificate_file, key_file, &newcomer) == LICIT_OK, "the approved account connects");
    if (newcomer) CHECK(strcmp(licit_client_account(newcomer)->name, "au-admin-2") == 0, "as itself");
    licit_close(newcomer);
    newcomer = NULL;
    if (approved) licit__v1__account__free_unpacked(approved, NULL);
    approved = NULL;
    CHECK(refused_with(licit_approve_account(board, "au-admin-2", 1, NULL, NULL, 0, &approved, &error), &error,
                       LICIT_REASON_ACCOUNT_NOT_PENDING),
          "approved twice: %s", error.reason_text);

    CHECK(licit_revoke_certificate(australia, enrolled->account->certificate_fingerprint, "the key was lost", NULL, 0,
                                   &revoked, &error) == LICIT_OK,
          "revoke: %s %s", error.reason_text, error.message);
    CHECK(revoked && revoked->revoked && strcmp(revoked->name, "au-admin-2") == 0, "revoked");
    CHECK(connect_with(certificate_file, key_file, &newcomer) != LICIT_OK, "a revoked certificate cannot connect");
    licit_close(newcomer);
    newcomer = NULL;

    Licit__V1__Prohibition prohibition = LICIT__V1__PROHIBITION__INIT, *prohibitions[] = {&prohibition};
    prohibition.country = "AU";
    prohibition.substance = "PENTOBARBITAL";
    Licit__V1__ReferenceData data = LICIT__V1__REFERENCE_DATA__INIT;
    data.n_prohibitions = 1;
    data.prohibitions = prohibitions;
    CHECK(licit_import_reference(board, &data, NULL, 0, &imported, &error) == LICIT_OK, "import: %s %s",
          error.reason_text, error.message);
    CHECK(imported && imported->prohibitions == 1 && imported->countries == 0, "one prohibition imported");
    if (imported) licit__v1__import_reference_response__free_unpacked(imported, NULL);
    imported = NULL;
    CHECK(refused_with(licit_import_reference(australia, &data, NULL, 0, &imported, &error), &error,
                       LICIT_REASON_ROLE_NOT_PERMITTED),
          "board admins only: %s", error.reason_text);
done:
    OPENSSL_free(request);
    if (enrolled) licit__v1__enroll_account_response__free_unpacked(enrolled, NULL);
    if (approved) licit__v1__account__free_unpacked(approved, NULL);
    if (revoked) licit__v1__account__free_unpacked(revoked, NULL);
    licit_close(australia);
    licit_close(board);
}

static int64_t limit_of(licit_client *client, uint32_t year, const char *substance)
{
    Licit__V1__BalancesResponse *balances = NULL;
    licit_error error;
    int64_t limit = -1;
    CHECK(licit_get_balances(client, NULL, year, substance, 0, &balances, &error) == LICIT_OK, "balances: %s",
          error.message);
    if (balances && balances->n_balances == 1) limit = balances->balances[0]->limit_mg;
    if (balances) licit__v1__balances_response__free_unpacked(balances, NULL);
    return limit;
}

static void estimates_are_decided_by_the_board(void)
{
    connected slots[2];
    licit_client *mexico = connect_as(&slots[0], "mx-signer"), *board = connect_as(&slots[1], "board-admin");
    licit_error error;
    Licit__V1__SupplementaryEstimate *asked = NULL, *decided = NULL;
    Licit__V1__AnnualEstimate *submitted = NULL, *confirmed = NULL;
    Licit__V1__ListAnnualResponse *listed = NULL;
    if (!mexico || !board) goto done;

    int64_t codeine = limit_of(mexico, 0, "CODEINE");
    CHECK(licit_request_supplementary_estimate(mexico, "CODEINE", 2000000, 0, "a new hospital opens", NULL, 0, &asked,
                                               &error) == LICIT_OK,
          "%s", error.message);
    if (!asked) goto done;
    CHECK(licit_decide_supplementary_estimate(board, asked->id, 1500000, "the usual need is lower", NULL, 0, &decided,
                                              &error) == LICIT_OK,
          "decide: %s %s", error.reason_text, error.message);
    CHECK(decided && strcmp(decided->status, "reduced") == 0 && decided->confirmed_mg == 1500000, "reduced");
    CHECK(limit_of(mexico, 0, "CODEINE") == codeine + 1500000, "the estimate grows by what was confirmed");
    if (decided) licit__v1__supplementary_estimate__free_unpacked(decided, NULL);
    decided = NULL;
    CHECK(refused_with(licit_decide_supplementary_estimate(board, asked->id, 0, "no", NULL, 0, &decided, &error),
                       &error, LICIT_REASON_ESTIMATE_ALREADY_DECIDED),
          "decided twice: %s", error.reason_text);

    Licit__V1__AnnualEstimateLine consumption = LICIT__V1__ANNUAL_ESTIMATE_LINE__INIT;
    Licit__V1__AnnualEstimateLine stocks = LICIT__V1__ANNUAL_ESTIMATE_LINE__INIT;
    consumption.substance = stocks.substance = "MORPHINE";
    consumption.purpose = "consumption";
    consumption.quantity_mg = 300000000;
    stocks.purpose = "stocks";
    stocks.quantity_mg = 50000000;
    const Licit__V1__AnnualEstimateLine *lines[] = {&consumption, &stocks};
    uint32_t next_year = (uint32_t)exchange_year(mexico) + 1;
    CHECK(licit_submit_annual_estimate(mexico, 0, lines, 2, NULL, 0, &submitted, &error) == LICIT_OK,
          "submit: %s %s", error.reason_text, error.message);
    CHECK(submitted && submitted->year == next_year && strcmp(submitted->status, "submitted") == 0 &&
              submitted->n_lines == 2,
          "submitted for next year");
    CHECK(licit_list_annual_estimates(board, "MX", next_year, 0, &listed, &error) == LICIT_OK, "%s", error.message);
    CHECK(listed && listed->n_estimates == 1 && strcmp(listed->estimates[0]->country, "MX") == 0, "listed");
    CHECK(licit_decide_annual_estimate(board, "MX", next_year, 1, NULL, NULL, 0, &confirmed, &error) == LICIT_OK,
          "confirm: %s %s", error.reason_text, error.message);
    CHECK(confirmed && strcmp(confirmed->status, "confirmed") == 0, "confirmed");
    CHECK(limit_of(mexico, next_year, "MORPHINE") == 350000000, "the year's estimate is the lines' sum");
done:
    if (asked) licit__v1__supplementary_estimate__free_unpacked(asked, NULL);
    if (decided) licit__v1__supplementary_estimate__free_unpacked(decided, NULL);
    if (submitted) licit__v1__annual_estimate__free_unpacked(submitted, NULL);
    if (confirmed) licit__v1__annual_estimate__free_unpacked(confirmed, NULL);
    if (listed) licit__v1__list_annual_response__free_unpacked(listed, NULL);
    licit_close(mexico);
    licit_close(board);
}

/* The status of `country`'s one return listed, or "" (and a failed check otherwise). */
static void listed_return(licit_client *client, const char *country, char status[16])
{
    Licit__V1__ListReturnsResponse *listed = NULL;
    licit_error error;
    status[0] = '\0';
    CHECK(licit_list_returns(client, country, 0, &listed, &error) == LICIT_OK, "list returns: %s", error.message);
    CHECK(listed && listed->n_filings == 1, "one return listed");
    if (listed && listed->n_filings == 1) snprintf(status, 16, "%s", listed->filings[0]->status);
    if (listed) licit__v1__list_returns_response__free_unpacked(listed, NULL);
}

static void a_return_is_saved_submitted_queried_and_accepted(void)
{
    connected slots[2];
    licit_client *canada = connect_as(&slots[0], "ca-signer"), *board = connect_as(&slots[1], "board-admin");
    licit_error error;
    Licit__V1__ReturnFiling *filing = NULL;
    char status[16];
    if (!canada || !board) goto done;
    uint32_t year = (uint32_t)exchange_year(canada);
    Licit__V1__ReturnFigure consumption = LICIT__V1__RETURN_FIGURE__INIT;
    consumption.substance = "MORPHINE";
    consumption.item = "consumption";
    consumption.quantity_mg = 120000000;
    const Licit__V1__ReturnFigure *figures[] = {&consumption};

    CHECK(licit_save_return(canada, "C", year, figures, 1, 0, NULL, 0, &filing, &error) == LICIT_OK,
          "save: %s %s", error.reason_text, error.message);
    CHECK(filing && strcmp(filing->status, "draft") == 0 && strcmp(filing->country, "CA") == 0, "a draft");
    listed_return(canada, NULL, status);
    CHECK(strcmp(status, "draft") == 0, "listed as a draft: %s", status);
    licit__v1__return_filing__free_unpacked(filing, NULL);
    CHECK(licit_save_return(canada, "C", year, figures, 1, 1, NULL, 0, &filing, &error) == LICIT_OK, "submit: %s",
          error.message);
    listed_return(board, "CA", status);
    CHECK(strcmp(status, "submitted") == 0, "the Board sees it submitted: %s", status);
    licit__v1__return_filing__free_unpacked(filing, NULL);
    CHECK(licit_decide_return(board, "CA", "C", year, 0, "stocks look low", NULL, 0, &filing, &error) == LICIT_OK,
          "query: %s %s", error.reason_text, error.message);
    CHECK(filing && strcmp(filing->status, "queried") == 0 && strcmp(filing->decision_reason, "stocks look low") == 0,
          "queried");
    licit__v1__return_filing__free_unpacked(filing, NULL);
    CHECK(licit_save_return(canada, "C", year, figures, 1, 1, NULL, 0, &filing, &error) == LICIT_OK, "again: %s",
          error.message);
    licit__v1__return_filing__free_unpacked(filing, NULL);
    CHECK(licit_decide_return(board, "CA", "C", year, 1, NULL, NULL, 0, &filing, &error) == LICIT_OK, "accept: %s",
          error.message);
    CHECK(filing && strcmp(filing->status, "accepted") == 0, "accepted");
    licit__v1__return_filing__free_unpacked(filing, NULL);
    filing = NULL;
    CHECK(refused_with(licit_save_return(canada, "C", year, figures, 1, 0, NULL, 0, &filing, &error), &error,
                       LICIT_REASON_RETURN_NOT_OPEN),
          "an accepted return is closed: %s", error.reason_text);
done:
    if (filing) licit__v1__return_filing__free_unpacked(filing, NULL);
    licit_close(canada);
    licit_close(board);
}

/* Checks the audit records' links and hashes (PROTOCOL.md §15.9); returns the last hash in `previous`. */
static int audit_chain_holds(const Licit__V1__ListAuditResponse *page, uint8_t previous[32])
{
    for (size_t i = 0; i < page->n_entries; i++) {
        const Licit__V1__AuditEntry *entry = page->entries[i];
        if (entry->previous_hash.len != 32 || memcmp(entry->previous_hash.data, previous, 32) != 0) return 0;
        uint8_t numbers[16];
        for (int b = 0; b < 8; b++) {
            numbers[b] = (uint8_t)(entry->sequence >> (56 - 8 * b));
            numbers[8 + b] = (uint8_t)((uint64_t)entry->at_ms >> (56 - 8 * b));
        }
        EVP_MD_CTX *digest = EVP_MD_CTX_new();
        EVP_DigestInit_ex(digest, EVP_sha256(), NULL);
        EVP_DigestUpdate(digest, "licit.audit.v1", 14);
        EVP_DigestUpdate(digest, previous, 32);
        EVP_DigestUpdate(digest, numbers, sizeof numbers);
        const char *texts[] = {entry->actor,   entry->certificate, entry->action,
                               entry->subject, entry->outcome,     entry->detail};
        for (size_t t = 0; t < 6; t++) {
            uint32_t length = (uint32_t)strlen(texts[t]);
            uint8_t prefix[4] = {(uint8_t)(length >> 24), (uint8_t)(length >> 16), (uint8_t)(length >> 8),
                                 (uint8_t)length};
            EVP_DigestUpdate(digest, prefix, 4);
            EVP_DigestUpdate(digest, texts[t], length);
        }
        uint8_t hash[32];
        EVP_DigestFinal_ex(digest, hash, NULL);
        EVP_MD_CTX_free(digest);
        if (entry->hash.len != 32 || memcmp(entry->hash.data, hash, 32) != 0) return 0;
        memcpy(previous, hash, 32);
    }
    return 1;
}

/* Japan issues and cancels an IA, issues one over its estimate, which Thailand exports against and
 * Japan endorses, and records a paper IA of Haiti. */
static int64_t trade_for_the_board(licit_client *japan, licit_client *thailand, char endorsed_on[11])
{
    licit_error error;
    ia_draft ia;
    char importer[80];
    Licit__V1__Document *document = NULL;
    draft_ia_from(&ia, japan, "JP-IA-WITHDRAWN", "TH", 1000000, importer);
    CHECK(licit_issue_import_authorization(japan, &ia.content, NULL, NULL, 0, &document, &error) == LICIT_OK, "%s",
          error.message);
    licit_document_free(document);
    CHECK(licit_cancel(japan, "JP-IA-WITHDRAWN", "the wrong importer", NULL, NULL, 0, &document, &error) == LICIT_OK,
          "%s", error.message);
    licit_document_free(document);
    draft_ia_from(&ia, japan, "JP-IA-OVER", "TH", 2000000000, importer);
    CHECK(licit_issue_import_authorization(japan, &ia.content, "an epidemic", NULL, 0, &document, &error) == LICIT_OK,
          "override: %s %s", error.reason_text, error.message);
    Licit__V1__ImportAuthorizationContent *issued = licit_document_import_authorization(document);
    licit_document_free(document);
    if (!issued) return -1;
    ea_draft ea;
    draft_ea(&ea, thailand, "TH-EA-JP", issued, 1000000);
    CHECK(licit_issue_export_authorization(thailand, &ea.content, NULL, NULL, NULL, 0, &document, &error) == LICIT_OK,
          "EA: %s %s", error.reason_text, error.message);
    licit__v1__import_authorization_content__free_unpacked(issued, NULL);
    licit_document_free(document);
    int64_t imported[] = {700000};
    CHECK(licit_endorse(japan, "TH-FDA", "TH-EA-JP", imported, 1, NULL, 0, &document, &error) == LICIT_OK,
          "endorse: %s", error.message);
    snprintf(endorsed_on, 11, "%s", document ? document->state->endorsed_on : "");
    licit_document_free(document);

    draft_ia_from(&ia, japan, "HT-IA-JP", "JP", 1000000, importer);
    char today[11];
    exchange_day(japan, 0, today);
    Licit__V1__Trader haitian = LICIT__V1__TRADER__INIT, exporter = LICIT__V1__TRADER__INIT;
    haitian.name = "Hopital de Port-au-Prince";
    haitian.address = "Port-au-Prince";
    exporter.id = "JP-MHLW-T1";
    ia.content.authority = "HT-DPM";
    ia.content.importing_country = "HT";
    ia.content.issued_on = today;
    ia.content.importer = &haitian;
    ia.content.exporter = &exporter;
    static const uint8_t scan[] = "%PDF-1.4 Haiti's import certificate";
    Licit__V1__PaperDocumentRequest paper = LICIT__V1__PAPER_DOCUMENT_REQUEST__INIT;
    paper.content_case = LICIT__V1__PAPER_DOCUMENT_REQUEST__CONTENT_IMPORT_AUTHORIZATION;
    paper.import_authorization = &ia.content;
    paper.scan.data = (uint8_t *)scan;
    paper.scan.len = sizeof scan - 1;
    CHECK(licit_record_paper_document(japan, &paper, NULL, 0, &document, &error) == LICIT_OK, "paper: %s %s",
          error.reason_text, error.message);
    licit_document_free(document);
    return imported[0];
}

static void the_boards_reads_see_the_trade(void)
{
    connected slots[3];
    licit_client *japan = connect_as(&slots[0], "jp-signer"), *thailand = connect_as(&slots[1], "th-signer");
    licit_client *board = connect_as(&slots[2], "board-observer");
    licit_error error;
    if (!japan || !thailand || !board) goto done;
    char endorsed_on[11] = "";
    CHECK(trade_for_the_board(japan, thailand, endorsed_on) == 700000 && endorsed_on[0], "the trade");
    uint32_t year = (uint32_t)atoi(endorsed_on), quarter = (uint32_t)(atoi(endorsed_on + 5) - 1) / 3 + 1;

    Licit__V1__ReturnResponse *own = NULL;
    CHECK(licit_get_return(japan, NULL, "A", year, quarter, 0, &own, &error) == LICIT_OK, "return: %s %s",
          error.reason_text, error.message);
    int imports = 0;
    for (size_t i = 0; own && i < own->n_lines; i++) {
        const Licit__V1__ReturnLine *line = own->lines[i];
        imports += strcmp(line->direction, "import") == 0 && strcmp(line->partner_country, "TH") == 0 &&
                   line->base_mg == 700000 && line->n_documents == 1 &&
                   strcmp(line->documents[0]->number, "TH-EA-JP") == 0;
    }
    CHECK(imports == 1, "Japan's return counts the import from Thailand");
    if (own) licit__v1__return_response__free_unpacked(own, NULL);
    own = NULL;
    CHECK(refused_with(licit_get_return(japan, "TH", "A", year, quarter, 0, &own, &error), &error,
                       LICIT_REASON_OTHER_COUNTRY_RETURN),
          "not another country's: %s", error.reason_text);

    Licit__V1__TradeFlowsRequest filter = LICIT__V1__TRADE_FLOWS_REQUEST__INIT;
    filter.exporting_country = "TH";
    filter.importing_country = "JP";
    Licit__V1__TradeFlowsResponse *flows = NULL;
    CHECK(refused_with(licit_get_trade_flows(japan, &filter, 0, &flows, &error), &error,
                       LICIT_REASON_ROLE_NOT_PERMITTED),
          "the Board's only: %s", error.reason_text);
    CHECK(licit_get_trade_flows(board, &filter, 0, &flows, &error) == LICIT_OK, "flows: %s", error.message);
    CHECK(flows && flows->n_flows == 1 && strcmp(flows->flows[0]->status, "endorsed") == 0 &&
              flows->flows[0]->authorized_mg == 759200 && flows->flows[0]->imported_mg == 700000,
          "one endorsed flow from Thailand to Japan");
    if (flows) licit__v1__trade_flows_response__free_unpacked(flows, NULL);

    Licit__V1__OversightRequest oversight = LICIT__V1__OVERSIGHT_REQUEST__INIT;
    oversight.kind = LICIT__V1__OVERSIGHT_KIND__OVERRIDES;
    oversight.country = "JP";
    Licit__V1__OversightResponse *entries = NULL;
    CHECK(licit_list_oversight(board, &oversight, 0, &entries, &error) == LICIT_OK, "%s", error.message);
    CHECK(entries && entries->n_entries == 1 && strcmp(entries->entries[0]->note, "an epidemic") == 0,
          "the override with its justification");
    if (entries) licit__v1__oversight_response__free_unpacked(entries, NULL);
    entries = NULL;
    oversight.kind = LICIT__V1__OVERSIGHT_KIND__WITHDRAWN;
    CHECK(licit_list_oversight(board, &oversight, 0, &entries, &error) == LICIT_OK, "%s", error.message);
    CHECK(entries && entries->n_entries == 1 && strcmp(entries->entries[0]->note, "the wrong importer") == 0,
          "the cancelled IA with its reason");
    if (entries) licit__v1__oversight_response__free_unpacked(entries, NULL);

    Licit__V1__EstimateWatchResponse *watch = NULL;
    CHECK(licit_get_estimate_watch(board, 0, 100, "MORPHINE", 0, &watch, &error) == LICIT_OK, "%s", error.message);
    int japan_over = 0;
    for (size_t i = 0; watch && i < watch->n_entries; i++)
        japan_over += strcmp(watch->entries[i]->balance->country, "JP") == 0 && watch->entries[i]->used_percent >= 100;
    CHECK(japan_over == 1, "Japan is over its morphine estimate");
    if (watch) licit__v1__estimate_watch_response__free_unpacked(watch, NULL);

    Licit__V1__PaperPartnersResponse *partners = NULL;
    CHECK(licit_list_paper_partners(board, 0, &partners, &error) == LICIT_OK, "%s", error.message);
    int haiti = 0;
    for (size_t i = 0; partners && i < partners->n_partners; i++)
        haiti += strcmp(partners->partners[i]->country, "HT") == 0 && partners->partners[i]->documents >= 1;
    CHECK(haiti == 1, "Haiti is a paper partner");
    if (partners) licit__v1__paper_partners_response__free_unpacked(partners, NULL);

    Licit__V1__CallCountersResponse *counters = NULL;
    CHECK(licit_get_call_counters(board, 0, &counters, &error) == LICIT_OK, "%s", error.message);
    uint64_t issued = 0;
    for (size_t i = 0; counters && i < counters->n_methods; i++) {
        const Licit__V1__MethodCounters *method = counters->methods[i];
        if (strcmp(method->method, "licit.v1.Documents/IssueImportAuthorization") != 0) continue;
        for (size_t s = 0; s < method->n_by_status; s++)
            if (strcmp(method->by_status[s]->key, "ok") == 0) issued = method->by_status[s]->value;
    }
    CHECK(issued >= 2, "IAs issued: %llu", (unsigned long long)issued);
    if (counters) licit__v1__call_counters_response__free_unpacked(counters, NULL);

    uint8_t previous[32] = {0};
    uint64_t after = 0, last = 0;
    int chained = 1, pages = 0;
    Licit__V1__ListAuditResponse *page = NULL;
    for (; pages < 1000; pages++) {
        CHECK(licit_list_audit(board, after, 200, 0, &page, &error) == LICIT_OK, "audit: %s", error.message);
        if (!page) break;
        chained = chained && audit_chain_holds(page, previous);
        if (page->n_entries) last = page->entries[page->n_entries - 1]->sequence;
        after = page->next_after_sequence;
        if (after == 0) break;
        licit__v1__list_audit_response__free_unpacked(page, NULL);
        page = NULL;
    }
    CHECK(chained && last > 0, "the audit trail's chain holds, up to %llu", (unsigned long long)last);
    CHECK(page && page->head_sequence == last && page->head_hash.len == 32 &&
              memcmp(page->head_hash.data, previous, 32) == 0,
          "and ends at its head");
    if (page) licit__v1__list_audit_response__free_unpacked(page, NULL);
done:
    licit_close(japan);
    licit_close(thailand);
    licit_close(board);
}

static void the_sandbox_clock_is_read_and_moved_forward(void)
{
    connected slots[2];
    licit_client *board = connect_as(&slots[0], "board-admin"), *signer = connect_as(&slots[1], "jp-signer");
    licit_error error;
    Licit__V1__ClockResponse *before = NULL, *moved = NULL, *refused = NULL;
    if (!board || !signer) goto done;
    CHECK(licit_get_sandbox_clock(board, 0, &before, &error) == LICIT_OK, "clock: %s", error.message);
    CHECK(licit_set_sandbox_clock(board, 120, 0, NULL, 0, &moved, &error) == LICIT_OK, "set: %s %s",
          error.reason_text, error.message);
    CHECK(before && moved && moved->now_ms >= before->now_ms + 120000 && moved->rate == before->rate,
          "two minutes later");
    CHECK(before && strlen(before->day) == 10 && before->rate >= 1, "a day and a rate");
    CHECK(refused_with(licit_set_sandbox_clock(board, -60, 0, NULL, 0, &refused, &error), &error,
                       LICIT_REASON_INVALID_CLOCK),
          "never back: %s", error.reason_text);
    CHECK(refused_with(licit_get_sandbox_clock(signer, 0, &refused, &error), &error, LICIT_REASON_ROLE_NOT_PERMITTED),
          "board admins only: %s", error.reason_text);
done:
    if (before) licit__v1__clock_response__free_unpacked(before, NULL);
    if (moved) licit__v1__clock_response__free_unpacked(moved, NULL);
    licit_close(board);
    licit_close(signer);
}

static void the_server_certificate_is_verified(void)
{
    licit_config config;
    licit_config_init(&config);
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&box, "fr-signer", &config, certificate, key) == 0, "account");
    licit_client *client = NULL;
    licit_error error;
    config.server_name = "exchange.example.org";
    CHECK(licit_connect(&config, &client, &error) == LICIT_UNAVAILABLE && client == NULL, "another name");
    CHECK(strstr(error.message, "not accepted") != NULL, "%s", error.message);
    config.server_name = NULL;
    config.ca_file = certificate; /* not the exchange's CA */
    CHECK(licit_connect(&config, &client, &error) == LICIT_UNAVAILABLE && client == NULL, "another CA");
    CHECK(strstr(error.message, "not accepted") != NULL, "%s", error.message);
}

/* A Request on call id 0 is a protocol violation: the exchange answers GoAway and closes. */
static licit_result provoke_a_fatal_goaway(licit_client *client, licit_error *error)
{
    Licit__V1__Request request = LICIT__V1__REQUEST__INIT;
    request.method = "licit.v1.Session/Echo";
    Licit__V1__Frame frame = LICIT__V1__FRAME__INIT;
    frame.kind_case = LICIT__V1__FRAME__KIND_REQUEST;
    frame.request = &request;
    CHECK(licit_frame_write(&frame, UINT32_MAX, &client->connection->out, error) == LICIT_OK, "queued");
    licit_result serviced = LICIT_OK;
    for (int i = 0; i < 100 && serviced == LICIT_OK; i++) serviced = licit_service(client, 100, error);
    return serviced;
}

static void a_fatal_goaway_is_reported_with_its_status(void)
{
    connected slot;
    licit_client *client = connect_as(&slot, "de-signer");
    if (!client) return;
    licit_error error;
    licit_result serviced = provoke_a_fatal_goaway(client, &error);
    CHECK(serviced == LICIT_UNAVAILABLE, "closed: %s", licit_result_name(serviced));
    CHECK(strstr(error.message, "GoAway INVALID_ARGUMENT/invalid_call_id") != NULL, "%s", error.message);
    uint8_t *echoed = NULL;
    size_t size = 0;
    CHECK(licit_echo(client, (const uint8_t *)"again", 5, 0, &echoed, &size, &error) == LICIT_OK,
          "the next call reconnects: %s", error.message);
    licit_free(echoed);
    licit_close(client);
}

/* A port of 127.0.0.1 that refuses connections: bound, then closed. */
static uint16_t refusing_port(void)
{
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof address;
    uint16_t port = 0;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&address, sizeof address) == 0 &&
        getsockname(fd, (struct sockaddr *)&address, &length) == 0)
        port = ntohs(address.sin_port);
    if (fd >= 0) close(fd);
    CHECK(port != 0, "a refusing port");
    return port;
}

static void echo_works(licit_client *client, const char *text)
{
    uint8_t *echoed = NULL;
    size_t size = 0;
    licit_error error;
    CHECK(licit_echo(client, (const uint8_t *)text, strlen(text), 0, &echoed, &size, &error) == LICIT_OK,
          "echo %s: %s", text, error.message);
    CHECK(size == strlen(text) && echoed && memcmp(echoed, text, size) == 0, "echoed %s", text);
    licit_free(echoed);
}

static void an_endpoint_that_refuses_is_skipped_for_the_next(void)
{
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000;
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&box, "fr-signer", &config, certificate, key) == 0, "account");
    uint16_t refused = refusing_port(), also_refused = refusing_port();
    licit_endpoint live = {box.host, box.port};
    config.host = "127.0.0.1";
    config.port = refused;
    config.other_endpoints = &live;
    config.other_endpoint_count = 1;
    licit_client *client = NULL;
    licit_error error;
    CHECK(licit_connect(&config, &client, &error) == LICIT_OK, "the second endpoint: %s", error.message);
    if (client != NULL) echo_works(client, "second endpoint");
    licit_close(client);
    client = NULL;

    licit_endpoint refusing = {"127.0.0.1", also_refused};
    config.other_endpoints = &refusing;
    CHECK(licit_connect(&config, &client, &error) == LICIT_UNAVAILABLE && client == NULL, "none accepts: %s",
          licit_result_name(error.result));
    char last[64];
    snprintf(last, sizeof last, "the last, 127.0.0.1:%u: cannot connect", (unsigned)also_refused);
    CHECK(strstr(error.message, "every endpoint (2) was tried") != NULL && strstr(error.message, last) != NULL,
          "names the last failure: %s", error.message);
}

/* After a lost or drained connection (here a fatal GoAway) the client moves on to the next
 * endpoint in turn, skipping one that refuses. */
static void reconnections_go_to_the_next_endpoint_in_turn(void)
{
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000;
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&box, "de-signer", &config, certificate, key) == 0, "account");
    licit_endpoint others[] = {{"127.0.0.1", refusing_port()}, {box.host, box.port}};
    config.other_endpoints = others;
    config.other_endpoint_count = 2;
    licit_client *client = NULL;
    licit_error error;
    CHECK(licit_connect(&config, &client, &error) == LICIT_OK, "%s", error.message);
    if (client == NULL) return;
    CHECK(client->next_endpoint == 0, "host:port first: %zu", client->next_endpoint);
    CHECK(provoke_a_fatal_goaway(client, &error) == LICIT_UNAVAILABLE, "closed: %s", error.message);
    echo_works(client, "third endpoint");
    CHECK(client->next_endpoint == 2, "the refusing second endpoint skipped: %zu", client->next_endpoint);
    CHECK(provoke_a_fatal_goaway(client, &error) == LICIT_UNAVAILABLE, "closed: %s", error.message);
    echo_works(client, "first endpoint again");
    CHECK(client->next_endpoint == 0, "round to the first: %zu", client->next_endpoint);
    licit_close(client);
}

/* A TLS 1.3 server with the exchange's certificate that completes the handshake and never answers
 * (openssl s_server); its pid, once it accepts on `port`. */
static pid_t silent_tls_server(uint16_t port)
{
    char accept[32], certificate[SANDBOX_PATH_SIZE + 32], key[SANDBOX_PATH_SIZE + 32];
    snprintf(accept, sizeof accept, "127.0.0.1:%u", (unsigned)port);
    snprintf(certificate, sizeof certificate, "%s/server/cert.pem", box.directory);
    snprintf(key, sizeof key, "%s/server/key.pem", box.directory);
    pid_t pid = fork();
    if (pid == 0) {
        /* s_server sends what it reads on stdin: a pipe this process holds open never ends. */
        int input[2];
        if (pipe(input) == 0) dup2(input[0], STDIN_FILENO);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execlp("openssl", "openssl", "s_server", "-quiet", "-tls1_3", "-alpn", "licit/1", "-accept", accept,
               "-cert", certificate, "-key", key, (char *)NULL);
        _exit(127);
    }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    for (int i = 0; i < 200; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int connected = connect(fd, (struct sockaddr *)&address, sizeof address) == 0;
        close(fd);
        if (connected) return pid;
        usleep(25000);
    }
    CHECK(0, "openssl s_server did not accept on %s", accept);
    return pid;
}

/* The next endpoint handshakes and never answers Hello: a call whose time is spent reconnecting
 * to it is reported not sent (safe to send again), never as a deadline of a call the exchange ran. */
static void a_call_whose_time_is_spent_connecting_was_not_sent(void)
{
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000;
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&box, "de-signer", &config, certificate, key) == 0, "account");
    uint16_t port = refusing_port();
    pid_t server = silent_tls_server(port);
    licit_endpoint silent = {"127.0.0.1", port};
    config.other_endpoints = &silent;
    config.other_endpoint_count = 1;
    licit_client *client = NULL;
    licit_error error;
    CHECK(licit_connect(&config, &client, &error) == LICIT_OK, "%s", error.message);
    if (client != NULL) {
        CHECK(provoke_a_fatal_goaway(client, &error) == LICIT_UNAVAILABLE, "closed: %s", error.message);
        uint8_t *echoed = NULL;
        size_t size = 0;
        licit_result result = licit_echo(client, (const uint8_t *)"x", 1, 1000, &echoed, &size, &error);
        CHECK(result == LICIT_UNAVAILABLE && error.not_sent == 1, "not sent: %s %s", licit_result_name(result),
              error.message);
        CHECK(strstr(error.message, "within the call's deadline") != NULL, "%s", error.message);
        licit_free(echoed);
    }
    licit_close(client);
    kill(server, SIGKILL);
    waitpid(server, NULL, 0);
}

/* A sandbox of its own, shut down under an open connection: GoAway, then no exchange at all. */
static void a_shut_down_exchange_is_reported_unavailable(void)
{
    const char *licitd = getenv("LICITD") && getenv("LICITD")[0] ? getenv("LICITD") : "/work/main/.build/debug/licitd";
    sandbox own;
    char why[2048];
    CHECK(sandbox_start(licitd, &own, why, sizeof why) == 0, "%s", why);
    if (own.pid <= 0) return;
    licit_config config;
    licit_config_init(&config);
    config.connect_timeout_ms = 20000;
    char certificate[SANDBOX_PATH_SIZE], key[SANDBOX_PATH_SIZE];
    CHECK(sandbox_config(&own, "in-signer", &config, certificate, key) == 0, "account");
    licit_client *client = NULL;
    licit_error error;
    CHECK(licit_connect(&config, &client, &error) == LICIT_OK, "%s", error.message);
    licit_subscription *inbox = NULL;
    if (client != NULL)
        CHECK(licit_subscribe_inbox(client, 1, 0, 0, &inbox, &error) == LICIT_OK, "%s", error.message);
    if (client != NULL && inbox != NULL) {
        /* Frames are processed in order: once Echo is answered, the subscription has started. */
        uint8_t *synced = NULL;
        size_t synced_size = 0;
        CHECK(licit_echo(client, (const uint8_t *)"in order", 8, 0, &synced, &synced_size, &error) == LICIT_OK,
              "%s", error.message);
        licit_free(synced);
        kill(own.pid, SIGTERM); /* graceful: GoAway shutting_down, then close once nothing is open */
        Licit__V1__InboxEvent *event = NULL;
        licit_result ended = licit_subscription_next(client, inbox, 10000, &event, &error);
        CHECK(ended == LICIT_UNAVAILABLE && strstr(error.message, "GoAway") != NULL,
              "the subscription ends at the GoAway: %s %s", licit_result_name(ended), error.message);
        licit_result serviced = LICIT_OK;
        for (int i = 0; i < 100 && serviced == LICIT_OK; i++) serviced = licit_service(client, 100, &error);
        CHECK(serviced == LICIT_UNAVAILABLE, "the connection ends: %s", licit_result_name(serviced));
        uint8_t *echoed = NULL;
        size_t size = 0;
        CHECK(licit_echo(client, (const uint8_t *)"x", 1, 2000, &echoed, &size, &error) == LICIT_UNAVAILABLE,
              "no exchange to reconnect to: %s", licit_result_name(error.result));
        CHECK(error.not_sent == 1, "and the request was not sent: %s", error.message);
    }
    licit_subscription_close(client, inbox);
    licit_close(client);
    CHECK(sandbox_stop(&own) == 0, "licitd exits cleanly after draining");
}

static void the_example_runs_the_cycle(const char *example)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl(example, example, box.directory, (char *)NULL);
        _exit(127);
    }
    int status = -1;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "run %s", example);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s exited with %d", example, status);
}

int main(int argc, char **argv)
{
    const char *licitd = getenv("LICITD") && getenv("LICITD")[0] ? getenv("LICITD") : "/work/main/.build/debug/licitd";
    char why[2048];
    if (sandbox_start(licitd, &box, why, sizeof why) != 0) {
        fprintf(stderr, "live_test: cannot start the sandbox: %s\n", why);
        return 2;
    }
    printf("licitd sandbox on %s:%u\n", box.host, box.port);
    RUN(hello_recognises_the_account);
    RUN(the_ia_ea_endorsement_cycle_between_two_countries);
    RUN(refusals_carry_code_reason_and_request_id);
    RUN(an_oversized_request_is_refused_before_sending);
    RUN(pipelined_calls_are_matched_by_call_id);
    RUN(a_replayed_write_returns_the_original);
    RUN(an_unanswered_write_is_indeterminate_and_retried_with_its_request_id);
    RUN(documents_are_listed_and_cancelled);
    RUN(a_paper_partner_document_is_recorded_and_its_scan_read_back);
    RUN(a_supplementary_estimate_is_requested_and_listed);
    RUN(notification_targets_are_registered_listed_and_removed);
    RUN(validations_drafts_amendments_and_history);
    RUN(reference_data_traders_and_accounts);
    RUN(accounts_are_enrolled_approved_revoked_and_reference_imported);
    RUN(estimates_are_decided_by_the_board);
    RUN(a_return_is_saved_submitted_queried_and_accepted);
    RUN(the_boards_reads_see_the_trade);
    RUN(the_sandbox_clock_is_read_and_moved_forward);
    RUN(the_server_certificate_is_verified);
    RUN(a_fatal_goaway_is_reported_with_its_status);
    RUN(an_endpoint_that_refuses_is_skipped_for_the_next);
    RUN(reconnections_go_to_the_next_endpoint_in_turn);
    RUN(a_call_whose_time_is_spent_connecting_was_not_sent);
    RUN(a_shut_down_exchange_is_reported_unavailable);
    if (argc > 1) {
        fflush(stdout);
        the_example_runs_the_cycle(argv[1]);
        printf("%s the_example_runs_the_cycle\n", check_failures ? "FAIL" : "ok  ");
        tests_run++;
    }
    CHECK(sandbox_stop(&box) == 0, "licitd did not exit cleanly on SIGTERM");
    return check_summary("live_test");
}
