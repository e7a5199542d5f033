import type { ErrorType } from '../../shared/errors.js';

export interface ErrorCodeDoc {
  status: number;
  type: ErrorType;
  when: string;
}

/**
 * Every error code the API answers, with its status and type: the reference routes point into
 * (RouteSpec.errors) and docs/api.md's error table is checked against. Codes are stable.
 */
export const ERROR_CODES = {
  invalid_json: { status: 400, type: 'invalid_request_error', when: 'The body is not a JSON object or array.' },
  bad_request: { status: 400, type: 'invalid_request_error', when: 'The request could not be read at all.' },
  unknown_parameter: { status: 400, type: 'invalid_request_error', when: 'A body or query field is unknown (`param` names it).' },
  parameter_invalid: { status: 400, type: 'invalid_request_error', when: 'A body or query field is invalid (`param` names it).' },
  parameter_missing: { status: 400, type: 'invalid_request_error', when: 'A field this request needs is missing (`param` names it).' },
  idempotency_key_invalid: { status: 400, type: 'invalid_request_error', when: 'The Idempotency-Key is empty, too long or not printable.' },
  currency_unsupported: { status: 400, type: 'invalid_request_error', when: 'A currency outside the currency table.' },
  amount_too_large: { status: 400, type: 'invalid_request_error', when: 'An amount or total above what can be charged.' },
  invalid_amount: { status: 400, type: 'invalid_request_error', when: 'An amount the provider cannot express in the currency.' },
  refund_exceeds_remaining: { status: 400, type: 'invalid_request_error', when: 'A refund above what is left to refund (`param` amount).' },
  invalid_expires_at: { status: 400, type: 'invalid_request_error', when: 'A checkout expiry in the past or more than 90 days ahead.' },
  url_invalid: { status: 400, type: 'invalid_request_error', when: 'A webhook URL that is refused (why is in `message`).' },
  unknown_event_type: { status: 400, type: 'invalid_request_error', when: 'An unknown name in `enabled_events`.' },
  template_variable_missing: {
    status: 400,
    type: 'invalid_request_error',
    when: 'The template needs data the order and `data` do not give.',
  },
  template_variable_invalid: { status: 400, type: 'invalid_request_error', when: 'A value the template cannot format.' },
  invalid_notification: {
    status: 400,
    type: 'invalid_request_error',
    when: 'A Mercado Pago notification that names no topic or resource.',
  },
  invalid_whatsapp_webhook: { status: 400, type: 'invalid_request_error', when: 'A body that is not a WhatsApp Business Account webhook.' },
  api_key_missing: { status: 401, type: 'authentication_error', when: 'No API key.' },
  api_key_invalid: { status: 401, type: 'authentication_error', when: 'A malformed, unknown, revoked or expired key.' },
  metrics_token_invalid: {
    status: 401,
    type: 'authentication_error',
    when: 'GET /metrics without the BAAS_METRICS_TOKEN it is set to want.',
  },
  signature_missing: { status: 401, type: 'authentication_error', when: 'A provider notification without its signature header.' },
  signature_invalid: { status: 401, type: 'authentication_error', when: 'A provider notification whose signature does not match.' },
  signature_expired: { status: 401, type: 'authentication_error', when: 'A Mercado Pago notification signed too long ago.' },
  store_disabled: { status: 403, type: 'permission_error', when: 'The key’s store is disabled.' },
  secret_key_required: { status: 403, type: 'permission_error', when: 'A publishable key outside /v1/public/*.' },
  verify_token_invalid: { status: 403, type: 'permission_error', when: 'The WhatsApp handshake with a wrong hub.verify_token.' },
  resource_missing: { status: 404, type: 'not_found_error', when: 'No such object in this store and mode.' },
  template_not_found: { status: 404, type: 'not_found_error', when: 'No such template, or none for that channel.' },
  route_not_found: { status: 404, type: 'not_found_error', when: 'No such path.' },
  method_not_allowed: { status: 405, type: 'invalid_request_error', when: 'The path exists; the method does not (see `Allow`).' },
  external_id_exists: { status: 409, type: 'invalid_state_error', when: 'Another order of this store and mode has this `external_id`.' },
  order_not_cancellable: { status: 409, type: 'invalid_state_error', when: 'The order is not pending.' },
  order_not_payable: { status: 409, type: 'invalid_state_error', when: 'The order is not pending.' },
  payment_not_refundable: { status: 409, type: 'invalid_state_error', when: 'The payment was not approved.' },
  payment_fully_refunded: { status: 409, type: 'invalid_state_error', when: 'The payment is refunded in full.' },
  payment_not_cancellable: {
    status: 409,
    type: 'invalid_state_error',
    when: 'The payment is no longer pending, in process or authorized.',
  },
  payment_outcome_unknown: {
    status: 409,
    type: 'invalid_state_error',
    when: 'The payment’s creation went unanswered and Mercado Pago has not shown it yet.',
  },
  provider_not_configured: {
    status: 409,
    type: 'invalid_state_error',
    when: 'This mode has no Mercado Pago (or SMTP, or WhatsApp) credentials: live, or the sandbox off.',
  },
  template_invalid: { status: 409, type: 'invalid_state_error', when: 'A store’s template override does not parse.' },
  idempotency_key_in_use: {
    status: 409,
    type: 'idempotency_error',
    when: 'The first request with this key is still running: retry later.',
  },
  body_too_large: { status: 413, type: 'invalid_request_error', when: 'The body is over 1 MiB.' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', when: 'A body that is not `application/json`.' },
  unsupported_encoding: { status: 415, type: 'invalid_request_error', when: 'A compressed or non-UTF-8 body.' },
  idempotency_key_reused: { status: 422, type: 'idempotency_error', when: 'The key was used with a different request.' },
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error', when: 'Too many requests for this key (or notifications for this store).' },
  too_many_failed_authentications: { status: 429, type: 'rate_limit_error', when: 'Too many invalid keys from this address.' },
  internal_error: { status: 500, type: 'api_error', when: 'A bug: logged with the request id, no details in the body.' },
  'mp_<cause code>': { status: 502, type: 'provider_error', when: 'Mercado Pago refused or failed; its cause code follows `mp_`.' },
  'mp_http_<status>': { status: 502, type: 'provider_error', when: 'Mercado Pago failed without naming a cause.' },
  provider_unreachable: { status: 502, type: 'provider_error', when: 'Mercado Pago could not be reached.' },
  provider_timeout: {
    status: 504,
    type: 'provider_error',
    when: 'Mercado Pago did not answer in time: the payment stays pending and `sync` settles it.',
  },
} as const satisfies Record<string, ErrorCodeDoc>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What a call to Mercado Pago can fail with, for routes that make one while the client waits. */
export const PROVIDER_ERRORS = [
  'provider_not_configured',
  'mp_<cause code>',
  'mp_http_<status>',
  'provider_unreachable',
  'provider_timeout',
] as const;
