/* licit.v1.Estimates (PROTOCOL.md §15.3): supplementary estimates asked by a CNA and decided by the
 * Board, and annual estimates (Form B) furnished by a CNA and confirmed or queried by the Board. */
#include "internal.h"

#define ESTIMATES(method) "licit.v1.Estimates/" method

static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

licit_result licit_request_supplementary_estimate(licit_client *client, const char *substance, int64_t quantity_mg,
                                                  uint32_t year, const char *justification, const char *request_id,
                                                  uint32_t timeout_ms, Licit__V1__SupplementaryEstimate **estimate,
                                                  licit_error *error)
{
    *estimate = NULL;
    Licit__V1__RequestSupplementaryRequest request = LICIT__V1__REQUEST_SUPPLEMENTARY_REQUEST__INIT;
    request.substance = text(substance);
    request.quantity_mg = quantity_mg;
    request.year = year;
    request.justification = text(justification);
    char fresh[LICIT_REQUEST_ID_SIZE];
    if (request_id == NULL || request_id[0] == '\0') {
        if (licit_new_request_id(fresh) != LICIT_OK)
            return licit_fail(error, LICIT_UNAVAILABLE, "no random bytes for a request id");
        request_id = fresh;
    }
    ProtobufCMessage *answer = NULL;
    licit_result result = licit_unary(client, ESTIMATES("RequestSupplementary"), &request.base,
                                      &licit__v1__supplementary_estimate_response__descriptor, timeout_ms, request_id,
                                      &answer, error);
    if (result != LICIT_OK) return result;
    Licit__V1__SupplementaryEstimateResponse *response = (Licit__V1__SupplementaryEstimateResponse *)answer;
    *estimate = response->estimate;
    response->estimate = NULL;
    licit__v1__supplementary_estimate_response__free_unpacked(response, NULL);
    if (*estimate == NULL)
        return licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange's answer to RequestSupplementary has no estimate");
    return LICIT_OK;
}

licit_result licit_list_supplementary_estimates(licit_client *client, const char *country, const char *status,
                                                uint32_t timeout_ms, Licit__V1__ListSupplementaryResponse **response,
                                                licit_error *error)
{
    Licit__V1__ListSupplementaryRequest request = LICIT__V1__LIST_SUPPLEMENTARY_REQUEST__INIT;
    request.country = text(country);
    request.status = text(status);
    return licit_unary(client, ESTIMATES("List"), &request.base, &licit__v1__list_supplementary_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_decide_supplementary_estimate(licit_client *client, const char *id, int64_t confirmed_mg,
                                                 const char *reason, const char *request_id, uint32_t timeout_ms,
                                                 Licit__V1__SupplementaryEstimate **estimate, licit_error *error)
{
    Licit__V1__DecideSupplementaryRequest request = LICIT__V1__DECIDE_SUPPLEMENTARY_REQUEST__INIT;
    request.id = text(id);
    request.confirmed_mg = confirmed_mg;
    request.reason = text(reason);
    return licit_write_message(client, ESTIMATES("Decide"), &request.base,
                               &licit__v1__supplementary_estimate_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)estimate, error);
}

licit_result licit_submit_annual_estimate(licit_client *client, uint32_t year,
                                          const Licit__V1__AnnualEstimateLine *const *lines, size_t line_count,
                                          const char *request_id, uint32_t timeout_ms,
                                          Licit__V1__AnnualEstimate **estimate, licit_error *error)
{
    *estimate = NULL;
    if (line_count > 0 && lines == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST, "line_count is %zu but lines is NULL", line_count);
    Licit__V1__SubmitAnnualRequest request = LICIT__V1__SUBMIT_ANNUAL_REQUEST__INIT;
    request.year = year;
    request.n_lines = line_count;
    request.lines = (Licit__V1__AnnualEstimateLine **)lines; /* only read, to pack the request */
    return licit_write_message(client, ESTIMATES("SubmitAnnual"), &request.base,
                               &licit__v1__annual_estimate_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)estimate, error);
}

licit_result licit_decide_annual_estimate(licit_client *client, const char *country, uint32_t year, int confirm,
                                          const char *reason, const char *request_id, uint32_t timeout_ms,
                                          Licit__V1__AnnualEstimate **estimate, licit_error *error)
{
    Licit__V1__DecideAnnualRequest request = LICIT__V1__DECIDE_ANNUAL_REQUEST__INIT;
    request.country = text(country);
    request.year = year;
    request.confirm = confirm != 0;
    request.reason = text(reason);
    return licit_write_message(client, ESTIMATES("DecideAnnual"), &request.base,
                               &licit__v1__annual_estimate_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)estimate, error);
}

licit_result licit_list_annual_estimates(licit_client *client, const char *country, uint32_t year,
                                         uint32_t timeout_ms, Licit__V1__ListAnnualResponse **response,
                                         licit_error *error)
{
    Licit__V1__ListAnnualRequest request = LICIT__V1__LIST_ANNUAL_REQUEST__INIT;
    request.country = text(country);
    request.year = year;
    return licit_unary(client, ESTIMATES("ListAnnual"), &request.base, &licit__v1__list_annual_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}
