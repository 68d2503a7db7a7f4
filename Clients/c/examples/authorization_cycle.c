/*
 * The authorization cycle against a sandbox: France imports morphine from India.
 *
 *   licitd sandbox --data ./sandbox &
 *   ./build/examples/authorization_cycle ./sandbox
 *
 * France (fr-signer) issues an import authorization (IA); India (in-signer) sees it arrive in
 * its inbox, issues the export authorization (EA) citing it; France endorses what arrived. Both
 * seals are verified offline with the exchange's public key. Quantities are milligrams.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "licit/licit.h"
#include "sandbox.h"

#define FORM "MORPHINE-HYDROCHLORIDE-TRIHYDRATE" /* the exchange computes base = traded x 0.7592 */

static int failed(const char *step, const licit_error *error)
{
    fprintf(stderr, "%s: %s", step, licit_result_name(error->result));
    if (error->reason_text[0]) fprintf(stderr, " %s/%s", licit_status_code_name(error->code), error->reason_text);
    fprintf(stderr, ": %s", error->message);
    if (error->request_id[0]) fprintf(stderr, " (request id %s)", error->request_id);
    fputc('\n', stderr);
    return 1;
}

/* A day on the exchange's clock, `days` after its current one, as YYYY-MM-DD. */
static void exchange_day(const licit_client *client, int days, char out[11])
{
    time_t seconds = (time_t)(licit_client_server_time_ms(client) / 1000) + (time_t)days * 86400;
    struct tm day;
    gmtime_r(&seconds, &day);
    strftime(out, 11, "%Y-%m-%d", &day);
}

static int connect_as(const sandbox *box, const char *account, licit_client **client,
                      char certificate[SANDBOX_PATH_SIZE], char key[SANDBOX_PATH_SIZE])
{
    licit_config config;
    licit_config_init(&config);
    config.client_name = "licit-c-example/" LICIT_VERSION;
    if (sandbox_config(box, account, &config, certificate, key) != 0) {
        fprintf(stderr, "the sandbox has no account %s\n", account);
        return 1;
    }
    licit_error error;
    if (licit_connect(&config, client, &error) != LICIT_OK) return failed(account, &error);
    const licit_account *who = licit_client_account(*client);
    printf("connected as %s (%s, %s)\n", who->name, who->authority, who->country);
    return 0;
}

/* India waits for the IA to arrive in its inbox, acknowledging what it has processed. */
static int await_ia(licit_client *india, licit_subscription *inbox, const char *number)
{
    licit_error error;
    for (;;) {
        Licit__V1__InboxEvent *event;
        if (licit_subscription_next(india, inbox, 10000, &event, &error) != LICIT_OK)
            return failed("India's inbox", &error);
        int found = strcmp(event->kind, "ia_received") == 0 && event->document &&
                    strcmp(event->document->number, number) == 0;
        printf("India's inbox: %s %s (sequence %llu)\n", event->kind, event->document ? event->document->number : "",
               (unsigned long long)event->sequence);
        licit_result acknowledged = licit_acknowledge(india, event->sequence, NULL, 0, NULL, &error);
        licit__v1__inbox_event__free_unpacked(event, NULL);
        if (acknowledged != LICIT_OK) return failed("acknowledge", &error);
        if (found) return 0;
    }
}

static int run_cycle(licit_client *france, licit_client *india, const uint8_t seal_key[32])
{
    licit_error error;
    char first[11], last[11], ea_last[11], ia_number[64], ea_number[64];
    exchange_day(france, 0, first);
    exchange_day(france, 90, last);
    exchange_day(france, 30, ea_last);
    long long stamp = (long long)licit_client_server_time_ms(france);
    snprintf(ia_number, sizeof ia_number, "FR-IA-%lld", stamp); /* numbers: unique per CNA */
    snprintf(ea_number, sizeof ea_number, "IN-EA-%lld", stamp);

    licit_subscription *inbox;
    if (licit_subscribe_inbox(india, 1, 0, 0, &inbox, &error) != LICIT_OK) return failed("subscribe", &error);

    Licit__V1__Trader importer = LICIT__V1__TRADER__INIT, exporter = LICIT__V1__TRADER__INIT;
    importer.id = "FR-ANSM-T1"; /* a trader France registered; a foreign one is given inline */
    exporter.name = "India Pharma Ltd";
    exporter.address = "1 Harbour Road, India";
    Licit__V1__Line line = LICIT__V1__LINE__INIT, *lines[] = {&line};
    line.form = FORM;
    line.traded_mg = 10000000; /* 10 kg */
    Licit__V1__Period period = LICIT__V1__PERIOD__INIT;
    period.first = first;
    period.last = last;
    Licit__V1__ImportAuthorizationContent ia = LICIT__V1__IMPORT_AUTHORIZATION_CONTENT__INIT;
    ia.number = ia_number;
    ia.exporting_country = "IN";
    ia.importer = &importer;
    ia.exporter = &exporter;
    ia.n_lines = 1;
    ia.lines = lines;
    ia.period = &period;
    ia.multiple_consignments = 1;
    Licit__V1__Document *issued_ia = NULL, *issued_ea = NULL, *endorsed = NULL;
    Licit__V1__ImportAuthorizationContent *stated = NULL;
    int status = 1;
    if (licit_issue_import_authorization(france, &ia, NULL, NULL, 0, &issued_ia, &error) != LICIT_OK) {
        failed("France issues the IA", &error);
        goto done;
    }
    stated = licit_document_import_authorization(issued_ia);
    printf("France issued IA %s on %s: %s, %lld mg base\n", stated->number, stated->issued_on,
           issued_ia->state->status, (long long)stated->lines[0]->base_mg);
    if (await_ia(india, inbox, ia_number) != 0) goto done;

    Licit__V1__Citation citation = LICIT__V1__CITATION__INIT;
    citation.number = stated->number;
    citation.issued_on = stated->issued_on;
    citation.authority = stated->authority;
    Licit__V1__Period ea_period = LICIT__V1__PERIOD__INIT;
    ea_period.first = first;
    ea_period.last = ea_last;
    Licit__V1__Line ea_line = LICIT__V1__LINE__INIT, *ea_lines[] = {&ea_line};
    ea_line.form = FORM;
    ea_line.traded_mg = 6000000; /* 6 kg of the 10 */
    Licit__V1__ExportAuthorizationContent ea = LICIT__V1__EXPORT_AUTHORIZATION_CONTENT__INIT;
    ea.number = ea_number;
    ea.import_authorization = &citation;
    ea.n_lines = 1;
    ea.lines = ea_lines;
    ea.period = &ea_period;
    if (licit_issue_export_authorization(india, &ea, NULL, NULL, NULL, 0, &issued_ea, &error) != LICIT_OK) {
        failed("India issues the EA", &error);
        goto done;
    }
    printf("India issued EA %s: %s\n", ea_number, issued_ea->state->status);

    int64_t imported[] = {4500000}; /* base mg that arrived */
    if (licit_endorse(france, "IN-NCB", ea_number, imported, 1, NULL, 0, &endorsed, &error) != LICIT_OK) {
        failed("France endorses the EA", &error);
        goto done;
    }
    printf("France endorsed EA %s on %s: %s\n", ea_number, endorsed->state->endorsed_on, endorsed->state->status);
    int ia_sealed = licit_document_seal_valid(issued_ia, seal_key);
    int ea_sealed = licit_document_seal_valid(endorsed, seal_key);
    printf("seals: IA %s, EA %s\n", ia_sealed ? "valid" : "INVALID", ea_sealed ? "valid" : "INVALID");
    status = ia_sealed && ea_sealed && strcmp(endorsed->state->status, "endorsed") == 0 ? 0 : 1;
done:
    if (stated) licit__v1__import_authorization_content__free_unpacked(stated, NULL);
    licit_document_free(issued_ia);
    licit_document_free(issued_ea);
    licit_document_free(endorsed);
    licit_subscription_close(india, inbox);
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SANDBOX_DIR   (the --data folder of `licitd sandbox`)\n", argv[0]);
        return 2;
    }
    sandbox box = {0};
    char why[512];
    if (sandbox_read_manifest(argv[1], &box, why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        return 1;
    }
    char certificates[2][SANDBOX_PATH_SIZE], keys[2][SANDBOX_PATH_SIZE];
    licit_client *france = NULL, *india = NULL;
    int status = connect_as(&box, "fr-signer", &france, certificates[0], keys[0]) ||
                 connect_as(&box, "in-signer", &india, certificates[1], keys[1]);
    uint8_t seal_key[LICIT_SEAL_PUBLIC_KEY_BYTES];
    licit_error error;
    if (status == 0 && licit_get_seal_key(france, 0, seal_key, &error) != LICIT_OK)
        status = failed("the seal key", &error);
    if (status == 0) status = run_cycle(france, india, seal_key);
    licit_close(france);
    licit_close(india);
    sandbox_free(&box);
    printf("%s\n", status == 0 ? "cycle complete" : "cycle FAILED");
    return status;
}
