import { describe, expect, it } from 'vitest';
import { call, createTenant } from '../../helpers/api.js';
import { json, startTestServer } from '../../helpers/server.js';

describe('authentication under /v1', () => {
  it('answers 401 before routing when there is no key, on any path', async () => {
    const server = await startTestServer();
    for (const path of ['/v1/orders', '/v1/does-not-exist', '/v1']) {
      const response = await call(server, null, path);
      expect(response.status).toBe(401);
      expect((await json(response)).error).toMatchObject({ type: 'authentication_error', code: 'api_key_missing' });
    }
  });

  it('gives malformed, unknown, revoked and expired keys the same answer', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const revoked = await server.instance.keys.create(tenant.storeId, 'test', 'secret');
    await server.instance.keys.revoke(revoked.apiKey.id);
    const expired = await server.instance.keys.create(tenant.storeId, 'test', 'secret');
    await server.instance.keys.rotate(expired.apiKey.id, 0);
    const unknown = `sk_test_${'A'.repeat(43)}`;

    const bodies = [];
    for (const key of ['garbage', 'sk_test_short', unknown, revoked.secret, expired.secret]) {
      const response = await call(server, key, '/v1/orders');
      expect(response.status, key).toBe(401);
      const { error } = await json(response);
      bodies.push({ type: error.type, code: error.code, message: error.message });
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ type: 'authentication_error', code: 'api_key_invalid', message: 'Invalid API key provided.' });
    expect((await call(server, 'Basic abc', '/v1/orders', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('lets a valid key reach routing: unknown paths are then 404', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    expect((await call(server, keys.test, '/v1/orders')).status).toBe(200);
    const response = await call(server, keys.test, '/v1/does-not-exist');
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('route_not_found');
  });

  it('refuses the keys of a disabled store with 403', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    await server.instance.stores.setStatus(tenant.storeId, 'disabled');
    const response = await call(server, tenant.keys.test, '/v1/orders');
    expect(response.status).toBe(403);
    expect((await json(response)).error).toMatchObject({ type: 'permission_error', code: 'store_disabled' });
    await server.instance.stores.setStatus(tenant.storeId, 'active');
    expect((await call(server, tenant.keys.test, '/v1/orders')).status).toBe(200);
  });

  it('admits publishable keys to /v1/public/config only', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    await server.instance.stores.update(tenant.storeId, { credentials: { 'mercadopago.public_key': 'TEST-0f1e2d3c-public' } });
    const config = await call(server, tenant.keys.publishable, '/v1/public/config');
    expect(config.status).toBe(200);
    expect(await json(config)).toEqual({ mercadopago_public_key: 'TEST-0f1e2d3c-public', currency: 'BRL', locale: 'pt-BR' });

    for (const [path, method] of [
      ['/v1/orders', 'GET'],
      ['/v1/store', 'GET'],
    ]) {
      const response = await call(server, tenant.keys.publishable, path!, { method });
      expect(response.status, path).toBe(403);
      expect((await json(response)).error).toMatchObject({ type: 'permission_error', code: 'secret_key_required' });
    }
    const live = await call(server, tenant.keys.live, '/v1/public/config');
    expect((await json(live)).mercadopago_public_key).toBeNull(); // live has no credentials yet
  });

  it('blocks an address after repeated failures, and logs them without the key', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const guess = `sk_live_${'Z'.repeat(43)}`;
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await call(server, guess, '/v1/orders')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.at(-1)).toBe(429);
    const blocked = await call(server, keys.test, '/v1/orders');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await json(blocked)).error).toMatchObject({ type: 'rate_limit_error', code: 'too_many_failed_authentications' });

    const failures = server.logs.filter((line) => line.includes('authentication failed'));
    expect(failures.length).toBeGreaterThanOrEqual(10);
    expect(server.logs.join('\n')).not.toContain(guess.slice(8));
    expect(server.logs.join('\n')).not.toContain(keys.test.slice(8));
  });
});

describe('last_used_at', () => {
  it('is recorded in batches off the request path', async () => {
    const server = await startTestServer();
    const tenant = await createTenant(server);
    const [key] = (await server.instance.keys.list(tenant.storeId)).filter((k) => k.kind === 'secret' && k.mode === 'test');
    expect(key!.lastUsedAt).toBeNull();
    const before = Date.now();
    await call(server, tenant.keys.test, '/v1/store');
    expect(await server.instance.keyUsage.flush(server.instance.orm)).toBe(1);
    const [after] = (await server.instance.keys.list(tenant.storeId)).filter((k) => k.id === key!.id);
    expect(after!.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(await server.instance.keyUsage.flush(server.instance.orm)).toBe(0);
  });
});

describe('rate limits per key', () => {
  it('answers 429 with Retry-After once a key spends its burst, without touching other keys', async () => {
    const server = await startTestServer({ env: { BAAS_RATE_LIMIT_PER_SECOND: '0.5', BAAS_RATE_LIMIT_BURST: '3' } });
    const a = await createTenant(server, 'A');
    const b = await createTenant(server, 'B');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(server, a.keys.test, '/v1/store')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(server, a.keys.test, '/v1/store');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await json(limited)).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect((await call(server, b.keys.test, '/v1/store')).status).toBe(200);
  });
});

describe('rate limits on /hooks/*', () => {
  it('are per store and apart from the API keys’ limits', async () => {
    const server = await startTestServer({ env: { BAAS_HOOKS_RATE_LIMIT_PER_SECOND: '0.5', BAAS_HOOKS_RATE_LIMIT_BURST: '2' } });
    const a = await createTenant(server, 'A');
    const b = await createTenant(server, 'B');
    const hook = (storeId: string) => server.request(`/hooks/mercadopago/${storeId}`, { method: 'POST' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await hook(a.storeId)).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    expect(statuses[2]).toBe(429);
    const limited = await hook(a.storeId);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await json(limited)).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect((await hook(b.storeId)).status).not.toBe(429);
    expect((await call(server, a.keys.test, '/v1/store')).status).toBe(200);
  });
});
