import { ChannelError, type FailureDisposition } from '../../modules/messages/channel.js';
import type { WhatsAppFailure } from './graph-error.js';

type GraphFailure = Extract<WhatsAppFailure, { kind: 'graph' }>;

export interface FailureContext {
  /** The template being sent: template problems pause that template, so the message names it. */
  template?: string;
}

/** 130429: the number's throughput is over; a few seconds lets the per-second budget refill. */
export const THROUGHPUT_RETRY_MS = 3_000;
/** 131056: Meta allows about one message per 6 s to the same customer (reference §5). */
export const PAIR_RATE_RETRY_MS = 6_000;
/** 4 / 80007: app and WABA limits are counted over an hour-long window; retrying soon only burns attempts. */
export const ACCOUNT_RATE_RETRY_MS = 5 * 60_000;
/** No answer: give the status webhook with our callback data ~2 min to show the message went (reference, implications). */
export const UNKNOWN_OUTCOME_RETRY_MS = 2 * 60_000;

interface Rule {
  disposition: FailureDisposition;
  retryAfterMs?: number;
  say(failure: GraphFailure, template: string): string;
}

const TOKEN_PROBLEM: Readonly<Record<number, string>> = { 463: 'expired', 467: 'invalid' };

const retry = (say: Rule['say'], retryAfterMs?: number): Rule => ({ disposition: 'retry', retryAfterMs, say });
const permanent = (say: Rule['say']): Rule => ({ disposition: 'permanent', say });
/**
 * The reference pauses the template; our pauses are per channel, and stopping every message of
 * a store because one template lacks a translation would hold back the ones that work. So the
 * message fails, naming the template and the fix, and the others go on.
 */
const template = (problem: string, fix: string): Rule => ({
  disposition: 'permanent',
  say: (f, t) => `WhatsApp template "${t}" ${problem} (${f.code}): ${fix}`,
});
const account = (problem: string): Rule => ({ disposition: 'pause', say: (f) => `${problem} (${f.code})` });
const each = (codes: number[], rule: Rule) => codes.map((code) => [code, rule] as const);

/** Reference §3, row by row. Codes not listed are unknown: retried up to the core's cap. */
const RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [130429, retry(() => 'WhatsApp throughput limit of this phone number reached (130429): sending slower', THROUGHPUT_RETRY_MS)],
  [131056, retry(() => 'Too many messages to this customer in a short time (131056): retrying after 6 s', PAIR_RATE_RETRY_MS)],
  ...each(
    [131057, 1, 2, 131000, 131016, 133004],
    retry((f) => `WhatsApp is unavailable or in maintenance (${f.code}): retrying later`),
  ),
  ...each(
    [4, 80007],
    retry((f) => `The Meta app or WhatsApp Business Account hit its rate limit (${f.code}): retrying in minutes`, ACCOUNT_RATE_RETRY_MS),
  ),
  [131047, permanent(() => 'More than 24 h since the customer last wrote (131047): only an approved template can reach them')],
  [131026, permanent(() => 'WhatsApp cannot deliver to this number (131026): not on WhatsApp, an old app, or Terms not accepted')],
  [131049, permanent(() => "WhatsApp held the message back to protect the customer's engagement (131049)")],
  [131050, permanent(() => 'The customer stopped marketing messages from this business (131050)')],
  ...each(
    [100, 131009, 132000],
    permanent((f, t) => `WhatsApp refused the parameters of template "${t}" (${f.code}): a bug in how baas fills it in, please report it`),
  ),
  [132001, template('does not exist in this language', 'approve it, or its translation, in WhatsApp Manager')],
  [132005, template('is too long once its parameters are filled in', 'shorten it or the data it shows')],
  [132007, template("breaks WhatsApp's format character policy", 'edit it in WhatsApp Manager')],
  [132012, template('received parameters in formats it was not approved with', 'compare its variables with what baas sends')],
  [132015, template('is paused by Meta for low quality', 'edit it in WhatsApp Manager and wait for it to be active again')],
  [132016, template('is disabled by Meta', 'create and approve a replacement')],
  ...each([0, 190], {
    disposition: 'pause',
    say: (f) =>
      `WhatsApp refused the access token (${f.code}${f.subcode ? `, ${TOKEN_PROBLEM[f.subcode] ?? `subcode ${f.subcode}`}` : ''}): ` +
      "update the store's --whatsapp-token with a System User token",
  }),
  [10, account('The access token may not send from this phone number: give its system user whatsapp_business_messaging')],
  [131031, account('The WhatsApp Business Account is locked: see Business Support Home')],
  [131042, account('The WhatsApp Business Account has a payment problem: fix the payment method in Business Manager')],
  [131048, account('Too many messages from this number were reported as spam: sending is limited until quality recovers')],
  [368, account('The account is temporarily blocked for policy violations')],
  [133010, account('The phone number is not registered on the Cloud API: register it with POST /{phone-number-id}/register')],
]);
/** 100 is a bad parameter, except with subcode 33: the phone number id itself is unknown to Meta or to this token. */
const UNKNOWN_PHONE_NUMBER = account(
  "WhatsApp does not know this phone number id, or the token may not use it: check the store's --whatsapp-phone-number-id and --whatsapp-token",
);
const UNKNOWN_CODE = retry((f) => `WhatsApp answered with an error unknown to baas (${f.code}): retrying a few times`);

/**
 * A failure of a send (the HTTP answer, or a later `failed` status webhook) → what the core
 * does about it. Branches on the code only, never Meta's wording (reference §3); Meta's own
 * explanation is appended for the operator.
 */
export function classifyWhatsAppFailure(failure: WhatsAppFailure, context: FailureContext = {}): ChannelError {
  switch (failure.kind) {
    case 'timeout':
      return unknownOutcome(
        'whatsapp_timeout',
        `WhatsApp did not answer within ${failure.timeoutMs} ms; the message may have gone`,
        failure,
      );
    case 'reset':
      return unknownOutcome('whatsapp_reset', `The connection to WhatsApp broke (${failure.reason}); the message may have gone`, failure);
    case 'unreachable':
      return new ChannelError('retry', 'whatsapp_unreachable', `Could not reach WhatsApp (${failure.reason}): nothing was sent`, {
        cause: failure,
      });
    case 'http':
      return httpFailure(failure.httpStatus, failure);
    case 'graph':
      return graphFailure(failure, context.template ?? 'unknown');
  }
}

function graphFailure(failure: GraphFailure, template: string): ChannelError {
  const rule = failure.code === 100 && failure.subcode === 33 ? UNKNOWN_PHONE_NUMBER : (RULES.get(failure.code) ?? UNKNOWN_CODE);
  const said = failure.details ?? failure.message;
  return new ChannelError(
    rule.disposition,
    `whatsapp_${failure.code}`,
    rule.say(failure, template) + (said ? ` [WhatsApp: ${said}]` : ''),
    {
      retryAfterMs: rule.retryAfterMs,
      cause: failure,
    },
  );
}

/** A 5xx or a 200 we cannot read may hide a message Meta took; any other bare status is an unknown failure. */
function httpFailure(httpStatus: number, cause: WhatsAppFailure): ChannelError {
  const code = `whatsapp_http_${httpStatus}`;
  if (httpStatus >= 500 || (httpStatus >= 200 && httpStatus < 300))
    return unknownOutcome(code, `WhatsApp answered HTTP ${httpStatus} without a Graph API body; the message may have gone`, cause);
  const message = `WhatsApp answered HTTP ${httpStatus} without a Graph API body: check BAAS_WHATSAPP_API_URL`;
  return new ChannelError('retry', code, message, { retryAfterMs: httpStatus === 429 ? THROUGHPUT_RETRY_MS : undefined, cause });
}

function unknownOutcome(code: string, message: string, cause: WhatsAppFailure): ChannelError {
  return new ChannelError('retry', code, message, { retryAfterMs: UNKNOWN_OUTCOME_RETRY_MS, outcomeUnknown: true, cause });
}
