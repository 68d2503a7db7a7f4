/* licit.v1.Returns (PROTOCOL.md §15.8): annual statistical returns (forms C and P) filed by a CNA
 * and accepted or queried by the Board. */
#include "internal.h"

#define RETURNS(method) "licit.v1.Returns/" method

static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

licit_result licit_save_return(licit_client *client, const char *form, uint32_t year,
                               const Licit__V1__ReturnFigure *const *figures, size_t figure_count, int submit,
                               const char *request_id, uint32_t timeout_ms, Licit__V1__ReturnFiling **filing,
                               licit_error *error)
{
    *filing = NULL;
    if (figure_count > 0 && figures == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST, "figure_count is %zu but figures is NULL", figure_count);
    Licit__V1__SaveReturnRequest request = LICIT__V1__SAVE_RETURN_REQUEST__INIT;
    request.form = text(form);
    request.year = year;
    request.n_figures = figure_count;
    request.figures = (Licit__V1__ReturnFigure **)figures; /* only read, to pack the request */
    request.submit = submit != 0;
    return licit_write_message(client, RETURNS("Save"), &request.base, &licit__v1__return_filing_response__descriptor,
                               request_id, timeout_ms, (ProtobufCMessage **)filing, error);
}

licit_result licit_decide_return(licit_client *client, const char *country, const char *form, uint32_t year,
                                 int accept, const char *reason, const char *request_id, uint32_t timeout_ms,
                                 Licit__V1__ReturnFiling **filing, licit_error *error)
{
    Licit__V1__DecideReturnRequest request = LICIT__V1__DECIDE_RETURN_REQUEST__INIT;
    request.country = text(country);
    request.form = text(form);
    request.year = year;
    request.accept = accept != 0;
    request.reason = text(reason);
    return licit_write_message(client, RETURNS("Decide"), &request.base,
                               &licit__v1__return_filing_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)filing, error);
}

licit_result licit_list_returns(licit_client *client, const char *country, uint32_t timeout_ms,
                                Licit__V1__ListReturnsResponse **response, licit_error *error)
{
    Licit__V1__ListReturnsRequest request = LICIT__V1__LIST_RETURNS_REQUEST__INIT;
    request.country = text(country);
    return licit_unary(client, RETURNS("List"), &request.base, &licit__v1__list_returns_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}
