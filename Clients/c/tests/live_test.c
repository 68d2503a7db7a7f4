/*
 * Against a real exchange: `licitd sandbox` on a free port, started here ($LICITD, default
 * /work/main/.build/debug/licitd). France (fr-signer) imports from India (in-signer).
 *
 *   live_test [EXAMPLE]   EXAMPLE: the authorization_cycle example, also run against the sandbox
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
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
    char path[128], stat[512] = {0};
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
    RUN(the_server_certificate_is_verified);
    RUN(a_fatal_goaway_is_reported_with_its_status);
    RUN(an_endpoint_that_refuses_is_skipped_for_the_next);
    RUN(reconnections_go_to_the_next_endpoint_in_turn);
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
