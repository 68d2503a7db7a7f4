/* licit.v1.Sandbox (PROTOCOL.md §15.6): a training sandbox's clock, for its board admins. */
#include "internal.h"

#define SANDBOX(method) "licit.v1.Sandbox/" method

licit_result licit_get_sandbox_clock(licit_client *client, uint32_t timeout_ms, Licit__V1__ClockResponse **clock,
                                     licit_error *error)
{
    Licit__V1__GetClockRequest request = LICIT__V1__GET_CLOCK_REQUEST__INIT;
    return licit_unary(client, SANDBOX("GetClock"), &request.base, &licit__v1__clock_response__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)clock, error);
}

licit_result licit_set_sandbox_clock(licit_client *client, int64_t advance_seconds, double rate,
                                     const char *request_id, uint32_t timeout_ms, Licit__V1__ClockResponse **clock,
                                     licit_error *error)
{
    Licit__V1__SetClockRequest request = LICIT__V1__SET_CLOCK_REQUEST__INIT;
    request.advance_seconds = advance_seconds;
    request.rate = rate;
    return licit_unary_write(client, SANDBOX("SetClock"), &request.base, &licit__v1__clock_response__descriptor,
                             request_id, timeout_ms, (ProtobufCMessage **)clock, error);
}
