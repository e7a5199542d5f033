import { describe, expect, it } from 'vitest';
import { ChannelError, type FailureDisposition } from '../../../src/modules/messages/channel.js';
import {
  ACCOUNT_RATE_RETRY_MS,
  classifyWhatsAppFailure,
  PAIR_RATE_RETRY_MS,
  THROUGHPUT_RETRY_MS,
  UNKNOWN_OUTCOME_RETRY_MS,
} from '../../../src/providers/whatsapp/classify.js';
import type { WhatsAppFailure } from '../../../src/providers/whatsapp/graph-error.js';

const graph = (code: number, extra: Partial<Extract<WhatsAppFailure, { kind: 'graph' }>> = {}): WhatsAppFailure => ({
  kind: 'graph',
  code,
  ...extra,
});

// Reference §3, every row: codes, class (R retry, P permanent, Q pause) and the retry hint.
const TABLE: [string, number[], FailureDisposition, number | null][] = [
  ['throughput limit', [130429], 'retry', THROUGHPUT_RETRY_MS],
  ['pair rate limit', [131056], 'retry', PAIR_RATE_RETRY_MS],
  ['maintenance, unknown, unavailable', [131057, 1, 2, 131000, 131016, 133004], 'retry', null],
  ['app or WABA rate limit', [4, 80007], 'retry', ACCOUNT_RATE_RETRY_MS],
  ['outside the 24 h window', [131047], 'permanent', null],
  ['undeliverable', [131026], 'permanent', null],
  ['marketing limit, opted out', [131049, 131050], 'permanent', null],
  ['bad parameter or count', [100, 131009, 132000], 'permanent', null],
  ['template problems: the message fails, the channel goes on', [132001, 132005, 132007, 132012, 132015, 132016], 'permanent', null],
  ['token expired or invalid', [0, 190], 'pause', null],
  ['permission, account, payment, spam, policy, not registered', [10, 131031, 131042, 131048, 368, 133010], 'pause', null],
  ['other', [131051, 999999], 'retry', null],
];

describe('WhatsApp failure classifier', () => {
  describe.each(TABLE)('%s', (_meaning, codes, disposition, retryAfterMs) => {
    it.each(codes)(`%i → ${disposition}`, (code) => {
      const error = classifyWhatsAppFailure(graph(code), { template: 'order_paid' });
      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ disposition, code: `whatsapp_${code}`, retryAfterMs, outcomeUnknown: false });
      expect(error.message).toContain(`(${code})`);
    });
  });

  it('100 with subcode 33 is an unknown phone number id: pause, not a bad parameter', () => {
    const error = classifyWhatsAppFailure(graph(100, { subcode: 33 }));
    expect(error).toMatchObject({ disposition: 'pause', code: 'whatsapp_100' });
    expect(error.message).toContain('--whatsapp-phone-number-id');
  });

  it('131056 waits at least 6 s', () => {
    expect(classifyWhatsAppFailure(graph(131056)).retryAfterMs).toBeGreaterThanOrEqual(6_000);
  });

  it('template problems name the template', () => {
    for (const code of [132001, 132015]) {
      expect(classifyWhatsAppFailure(graph(code), { template: 'order_refunded' }).message).toContain('"order_refunded"');
    }
  });

  it("tells the operator what to fix for a token, with Meta's subcode and words", () => {
    const error = classifyWhatsAppFailure(graph(190, { subcode: 463, message: 'Error validating access token: Session has expired' }));
    expect(error.message).toBe(
      "WhatsApp refused the access token (190, expired): update the store's --whatsapp-token with a System User token " +
        '[WhatsApp: Error validating access token: Session has expired]',
    );
    expect(classifyWhatsAppFailure(graph(190, { subcode: 467 })).message).toContain('(190, invalid)');
    expect(classifyWhatsAppFailure(graph(190)).message).toMatch(/^WhatsApp refused the access token \(190\): update/);
  });

  it("prefers error_data.details over Meta's title", () => {
    const error = classifyWhatsAppFailure(graph(131026, { message: 'Message undeliverable', details: 'Message Undeliverable.' }));
    expect(error.message).toMatch(/\[WhatsApp: Message Undeliverable\.\]$/);
  });

  it.each<[string, WhatsAppFailure, string]>([
    ['a timeout', { kind: 'timeout', timeoutMs: 15_000 }, 'whatsapp_timeout'],
    ['a reset', { kind: 'reset', reason: 'ECONNRESET' }, 'whatsapp_reset'],
    ['a 5xx without a body', { kind: 'http', httpStatus: 502 }, 'whatsapp_http_502'],
    ['a 200 without a wamid', { kind: 'http', httpStatus: 200 }, 'whatsapp_http_200'],
  ])('%s: retry, outcome unknown, after a wait for the webhook', (_case, failure, code) => {
    expect(classifyWhatsAppFailure(failure)).toMatchObject({
      disposition: 'retry',
      code,
      outcomeUnknown: true,
      retryAfterMs: UNKNOWN_OUTCOME_RETRY_MS,
    });
  });

  it('never connecting is a retry with nothing sent; a bare 4xx an unknown failure', () => {
    expect(classifyWhatsAppFailure({ kind: 'unreachable', reason: 'ECONNREFUSED' })).toMatchObject({
      disposition: 'retry',
      code: 'whatsapp_unreachable',
      outcomeUnknown: false,
      retryAfterMs: null,
    });
    expect(classifyWhatsAppFailure({ kind: 'http', httpStatus: 404 })).toMatchObject({
      disposition: 'retry',
      code: 'whatsapp_http_404',
      outcomeUnknown: false,
    });
    expect(classifyWhatsAppFailure({ kind: 'http', httpStatus: 429 }).retryAfterMs).toBe(THROUGHPUT_RETRY_MS);
  });
});
