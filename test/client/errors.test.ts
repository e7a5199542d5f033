import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BaasError,
  IdempotencyError,
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
} from '../../src/client/index.js';
import { createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { startTestServer } from '../helpers/server.js';
import { clientFor } from './client-helpers.js';

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<BaasError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BaasError);
  return error as BaasError;
}

describe('BaasClient errors', () => {
  it('are typed exceptions carrying the contract’s fields, the status and the request id', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas, sent } = clientFor(server, keys.test);

    const missing = await failure(baas.orders.retrieve('ord_nope'));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, type: 'not_found_error', code: 'resource_missing', name: 'NotFoundError' });
    expect(missing.requestId).toMatch(/^req_/);
    expect(missing.headers.get('x-request-id')).toBe(missing.requestId);

    const invalid = await failure(baas.orders.create({ ...SAMPLE_ORDER, items: [{ ...SAMPLE_ORDER.items[0]!, quantity: 0 }] }));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ status: 400, code: 'parameter_invalid', param: 'items[0].quantity' });

    const order = await baas.orders.create(SAMPLE_ORDER);
    await baas.orders.cancel(order.id);
    const conflict = await failure(baas.orders.cancel(order.id));
    expect(conflict).toBeInstanceOf(InvalidStateError);
    expect(conflict).toMatchObject({ status: 409, code: 'order_not_cancellable' });
    // A 4xx is the answer, not a hiccup: nothing was retried.
    expect(sent.filter((r) => r.url.endsWith('/cancel'))).toHaveLength(2);
  });

  it('reusing an Idempotency-Key with another body is an IdempotencyError; the same body replays', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas } = clientFor(server, keys.test);

    const first = await baas.orders.create(SAMPLE_ORDER, { idempotencyKey: 'cart-77' });
    expect(await baas.orders.create(SAMPLE_ORDER, { idempotencyKey: 'cart-77' })).toEqual(first);
    const reused = await failure(baas.orders.create({ ...SAMPLE_ORDER, shipping_amount: 0 }, { idempotencyKey: 'cart-77' }));
    expect(reused).toBeInstanceOf(IdempotencyError);
    expect(reused).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('a bad key is an AuthenticationError; a publishable key on a secret route a PermissionError', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);

    const unknown = await failure(clientFor(server, 'sk_test_nope').baas.store.retrieve());
    expect(unknown).toBeInstanceOf(AuthenticationError);
    expect(unknown).toMatchObject({ status: 401, code: 'api_key_invalid' });

    const publishable = await failure(clientFor(server, keys.publishable).baas.orders.list());
    expect(publishable).toBeInstanceOf(PermissionError);
    expect(publishable).toMatchObject({ status: 403, code: 'secret_key_required' });
  });
});
