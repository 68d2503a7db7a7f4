/* licit.v1.Board (PROTOCOL.md §15.8, §15.9): the Board's reads on licit trade, the statistical
 * returns computed from the documents, the exchange's call counters and its audit trail. */
#include "internal.h"

#define BOARD(method) "licit.v1.Board/" method

static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

licit_result licit_get_trade_flows(licit_client *client, const Licit__V1__TradeFlowsRequest *request,
                                   uint32_t timeout_ms, Licit__V1__TradeFlowsResponse **response, licit_error *error)
{
    Licit__V1__TradeFlowsRequest everything = LICIT__V1__TRADE_FLOWS_REQUEST__INIT;
    return licit_unary(client, BOARD("TradeFlows"), request ? &request->base : &everything.base,
                       &licit__v1__trade_flows_response__descriptor, timeout_ms, NULL, (ProtobufCMessage **)response,
                       error);
}

licit_result licit_list_oversight(licit_client *client, const Licit__V1__OversightRequest *request,
                                  uint32_t timeout_ms, Licit__V1__OversightResponse **response, licit_error *error)
{
    return licit_unary(client, BOARD("ListOversight"), &request->base, &licit__v1__oversight_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_get_estimate_watch(licit_client *client, uint32_t year, uint32_t threshold_percent,
                                      const char *substance, uint32_t timeout_ms,
                                      Licit__V1__EstimateWatchResponse **response, licit_error *error)
{
    Licit__V1__EstimateWatchRequest request = LICIT__V1__ESTIMATE_WATCH_REQUEST__INIT;
    request.year = year;
    request.threshold_percent = threshold_percent;
    request.substance = text(substance);
    return licit_unary(client, BOARD("EstimateWatch"), &request.base, &licit__v1__estimate_watch_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_list_paper_partners(licit_client *client, uint32_t timeout_ms,
                                       Licit__V1__PaperPartnersResponse **response, licit_error *error)
{
    Licit__V1__PaperPartnersRequest request = LICIT__V1__PAPER_PARTNERS_REQUEST__INIT;
    return licit_unary(client, BOARD("PaperPartners"), &request.base, &licit__v1__paper_partners_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_get_return(licit_client *client, const char *country, const char *form, uint32_t year,
                              uint32_t quarter, uint32_t timeout_ms, Licit__V1__ReturnResponse **response,
                              licit_error *error)
{
    Licit__V1__ReturnRequest request = LICIT__V1__RETURN_REQUEST__INIT;
    request.country = text(country);
    request.form = text(form);
    request.year = year;
    request.quarter = quarter;
    return licit_unary(client, BOARD("GetReturn"), &request.base, &licit__v1__return_response__descriptor, timeout_ms,
                       NULL, (ProtobufCMessage **)response, error);
}

licit_result licit_get_call_counters(licit_client *client, uint32_t timeout_ms,
                                     Licit__V1__CallCountersResponse **response, licit_error *error)
{
    Licit__V1__CallCountersRequest request = LICIT__V1__CALL_COUNTERS_REQUEST__INIT;
    return licit_unary(client, BOARD("GetCallCounters"), &request.base,
                       &licit__v1__call_counters_response__descriptor, timeout_ms, NULL,
                       (ProtobufCMessage **)response, error);
}

licit_result licit_list_audit(licit_client *client, uint64_t after_sequence, uint32_t page_size, uint32_t timeout_ms,
                              Licit__V1__ListAuditResponse **response, licit_error *error)
{
    Licit__V1__ListAuditRequest request = LICIT__V1__LIST_AUDIT_REQUEST__INIT;
    request.after_sequence = after_sequence;
    request.page_size = page_size;
    return licit_unary(client, BOARD("ListAudit"), &request.base, &licit__v1__list_audit_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)response, error);
}
