import { describe, expect, it } from 'vitest';
import { json, startTestServer } from '../../helpers/server.js';

describe('operations endpoints', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const server = await startTestServer();
    const response = await server.request('/healthz');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('/readyz is 200 with the database reachable and migrated', async () => {
    const server = await startTestServer();
    const response = await server.request('/readyz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', accepting: true } });
  });

  it('/readyz is 503 when the database is gone', async () => {
    const server = await startTestServer();
    await server.instance.orm.close(true);
    const response = await server.request('/readyz');
    expect(response.status).toBe(503);
    expect((await json(response)).status).toBe('not_ready');
  });

  it('/openapi.json is an OpenAPI 3.1 document of the mounted routes', async () => {
    const server = await startTestServer();
    const document = await json(await server.request('/openapi.json'));
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('baas API');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/openapi.json']));
    expect(document.components.schemas.Error.properties.error.required).toEqual(
      expect.arrayContaining(['type', 'code', 'message', 'request_id']),
    );
  });

  it('/metrics speaks the Prometheus text format', async () => {
    const server = await startTestServer();
    const response = await server.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^baas_build_info\{version="[^"]+",node="v\d+[^"]*"\} 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
  });
});
