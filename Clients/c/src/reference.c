/* licit.v1.Reference (PROTOCOL.md §15.4): the reference data, a CNA's traders, and accounts. */
#include "internal.h"

#define REFERENCE(method) "licit.v1.Reference/" method

static char *text(const char *value)
{
    return (char *)(value ? value : "");
}

licit_result licit_get_reference(licit_client *client, const char *country, uint32_t timeout_ms,
                                 Licit__V1__ReferenceData **reference, licit_error *error)
{
    Licit__V1__GetReferenceRequest request = LICIT__V1__GET_REFERENCE_REQUEST__INIT;
    request.country = text(country);
    return licit_unary(client, REFERENCE("GetReference"), &request.base, &licit__v1__reference_data__descriptor,
                       timeout_ms, NULL, (ProtobufCMessage **)reference, error);
}

licit_result licit_register_trader(licit_client *client, const char *id, const char *name, const char *address,
                                   const char *request_id, uint32_t timeout_ms, Licit__V1__Trader **trader,
                                   licit_error *error)
{
    Licit__V1__Trader wanted = LICIT__V1__TRADER__INIT;
    wanted.id = text(id);
    wanted.name = text(name);
    wanted.address = text(address);
    Licit__V1__RegisterTraderRequest request = LICIT__V1__REGISTER_TRADER_REQUEST__INIT;
    request.trader = &wanted;
    return licit_write_message(client, REFERENCE("RegisterTrader"), &request.base,
                               &licit__v1__register_trader_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)trader, error);
}

licit_result licit_list_accounts(licit_client *client, uint32_t timeout_ms, Licit__V1__ListAccountsResponse **response,
                                 licit_error *error)
{
    Licit__V1__ListAccountsRequest request = LICIT__V1__LIST_ACCOUNTS_REQUEST__INIT;
    return licit_unary(client, REFERENCE("ListAccounts"), &request.base,
                       &licit__v1__list_accounts_response__descriptor, timeout_ms, NULL,
                       (ProtobufCMessage **)response, error);
}

licit_result licit_import_reference(licit_client *client, const Licit__V1__ReferenceData *data,
                                    const char *request_id, uint32_t timeout_ms,
                                    Licit__V1__ImportReferenceResponse **response, licit_error *error)
{
    return licit_unary_write(client, REFERENCE("ImportReference"), &data->base,
                             &licit__v1__import_reference_response__descriptor, request_id, timeout_ms,
                             (ProtobufCMessage **)response, error);
}

licit_result licit_revoke_certificate(licit_client *client, const char *fingerprint, const char *reason,
                                      const char *request_id, uint32_t timeout_ms, Licit__V1__Account **account,
                                      licit_error *error)
{
    Licit__V1__RevokeCertificateRequest request = LICIT__V1__REVOKE_CERTIFICATE_REQUEST__INIT;
    request.fingerprint = text(fingerprint);
    request.reason = text(reason);
    return licit_write_message(client, REFERENCE("RevokeCertificate"), &request.base,
                               &licit__v1__revoke_certificate_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)account, error);
}

licit_result licit_enroll_account(licit_client *client, const char *name, Licit__V1__Role role,
                                  const char *authority, const uint8_t *certificate_request,
                                  size_t certificate_request_size, const char *request_id, uint32_t timeout_ms,
                                  Licit__V1__EnrollAccountResponse **response, licit_error *error)
{
    Licit__V1__EnrollAccountRequest request = LICIT__V1__ENROLL_ACCOUNT_REQUEST__INIT;
    request.name = text(name);
    request.role = role;
    request.authority = text(authority);
    request.certificate_request.data = (uint8_t *)certificate_request;
    request.certificate_request.len = certificate_request_size;
    return licit_unary_write(client, REFERENCE("EnrollAccount"), &request.base,
                             &licit__v1__enroll_account_response__descriptor, request_id, timeout_ms,
                             (ProtobufCMessage **)response, error);
}

licit_result licit_approve_account(licit_client *client, const char *name, int approve, const char *reason,
                                   const char *request_id, uint32_t timeout_ms, Licit__V1__Account **account,
                                   licit_error *error)
{
    Licit__V1__ApproveAccountRequest request = LICIT__V1__APPROVE_ACCOUNT_REQUEST__INIT;
    request.name = text(name);
    request.approve = approve != 0;
    request.reason = text(reason);
    return licit_write_message(client, REFERENCE("ApproveAccount"), &request.base,
                               &licit__v1__approve_account_response__descriptor, request_id, timeout_ms,
                               (ProtobufCMessage **)account, error);
}
