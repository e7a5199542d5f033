import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { traced } from '../../../src/modules/activity/trace.js';
import { REDACTED } from '../../../src/shared/redact.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', fd: 2, stream }), lines };
}

describe('log lines', () => {
  it('never carry credentials, card data or whole contact details, at any depth', () => {
    const { logger, lines } = capture();
    logger.child({ request_id: 'req_1' }).info(
      {
        authorization: 'Bearer sk_test_top',
        headers: { authorization: 'Bearer sk_test_header', cookie: 'session=abc' },
        payer: { email: 'ana.souza@example.com', phone: '+5511987654321', card: { card_number: '4509953566233704', token: 'tok_x' } },
        to: 'ana.souza@example.com',
        note: 'card 4509 9535 6623 3704',
        password: 'hunter2',
      },
      'request',
    );
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'request',
      request_id: 'req_1',
      authorization: REDACTED,
      headers: { authorization: REDACTED, cookie: REDACTED },
      payer: { email: 'a***@example.com', phone: '+551******4321', card: { card_number: REDACTED, token: REDACTED } },
      to: 'a***@example.com',
      note: `card ${REDACTED}`,
      password: REDACTED,
    });
    expect(JSON.stringify(line)).not.toMatch(/sk_test|abc|souza|987654|4509|tok_x|hunter2/);
  });

  it('keep errors whole (message, type, stack), dates as dates, and the ids of the trace', () => {
    const { logger, lines } = capture();
    const at = new Date('2026-12-01T12:00:00.000Z');
    traced({ storeId: 'sto_1', orderId: 'ord_1' }, () => logger.error({ err: new TypeError('boom'), at, attempt: 2 }, 'failed'));
    const [line] = lines;
    expect(line).toMatchObject({ store_id: 'sto_1', order_id: 'ord_1', at: at.toISOString(), attempt: 2, msg: 'failed' });
    expect(line!.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(String((line!.err as { stack: string }).stack)).toContain('logger.test');
  });
});
