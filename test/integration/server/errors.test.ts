import { describe, expect, it } from 'vitest';
import { json, startTestServer } from '../../helpers/server.js';

async function expectError(response: Response, status: number, type: string, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await json(response);
  expect(body).toEqual({ error: { type, code, message: expect.any(String), request_id: response.headers.get('x-request-id') } });
  expect(body.error.message).not.toMatch(/at .*\.(ts|js):\d+/);
  return body;
}

describe('the one error shape', () => {
  it('answers unknown routes with 404 not_found_error', async () => {
    const server = await startTestServer();
    await expectError(await server.request('/nope'), 404, 'not_found_error', 'route_not_found');
    await expectError(await server.request('/hooks/nothing/here'), 404, 'not_found_error', 'route_not_found');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz', { method: 'DELETE' });
    await expectError(response, 405, 'invalid_request_error', 'method_not_allowed');
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    await expectError(response, 400, 'invalid_request_error', 'invalid_json');
  });

  it('refuses JSON scalars, which no endpoint accepts', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"x"' });
    await expectError(response, 400, 'invalid_request_error', 'invalid_json');
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    await expectError(response, 415, 'invalid_request_error', 'unsupported_media_type');
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const server = await startTestServer();
    const body = JSON.stringify({ blob: 'x'.repeat(1024 * 1024) });
    const response = await server.request('/healthz', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectError(response, 413, 'invalid_request_error', 'body_too_large');
  });

  it('accepts a body just under 1 MiB (the limit is not lower than documented)', async () => {
    const server = await startTestServer();
    const body = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 - 20) });
    const response = await server.request('/healthz', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // Parsed fine, then refused only because /healthz has no POST.
    await expectError(response, 405, 'invalid_request_error', 'method_not_allowed');
  });
});

describe('X-Request-Id', () => {
  it('is generated as req_… on every response', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-z]{26}$/);
  });

  it("keeps the client's id when it is sane and replaces it when it is not", async () => {
    const server = await startTestServer();
    const kept = await server.request('/nope', { headers: { 'x-request-id': 'shop-7f3a9c21' } });
    expect(kept.headers.get('x-request-id')).toBe('shop-7f3a9c21');
    expect((await json(kept)).error.request_id).toBe('shop-7f3a9c21');
    const replaced = await server.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
