import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/api.js';
import { runCli } from '../../helpers/cli.js';
import { json, startTestServer } from '../../helpers/server.js';

describe('key lifecycle through the CLI and the API', () => {
  it('create → use → rotate with grace → old key works until expiry → revoke → 401', async () => {
    const server = await startTestServer();
    const env = { BAAS_DATA_DIR: server.dataDir };
    const cli = async (...args: string[]) => {
      const result = await runCli([...args, '--json'], { env });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };

    const created = await cli('stores', 'create', '--name', 'Loja Ciclo', '--currency', 'BRL', '--locale', 'pt-BR');
    const first = created.test_key;
    expect((await json(await call(server, first.secret, '/v1/store'))).id).toBe(created.id);

    const rotated = await cli('keys', 'rotate', first.id, '--grace', '3s');
    expect(rotated.secret).toMatch(/^sk_test_/);
    expect(rotated.previous.id).toBe(first.id);
    expect((await call(server, rotated.secret, '/v1/store')).status).toBe(200);
    expect((await call(server, first.secret, '/v1/store')).status).toBe(200);

    const expiresAt = new Date(rotated.previous.expires_at).getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
    expect((await call(server, first.secret, '/v1/store')).status).toBe(401);
    expect((await call(server, rotated.secret, '/v1/store')).status).toBe(200);

    await cli('keys', 'revoke', rotated.id);
    const revoked = await call(server, rotated.secret, '/v1/store');
    expect(revoked.status).toBe(401);
    expect((await json(revoked)).error.code).toBe('api_key_invalid');

    const listed = await cli('keys', 'list', created.id);
    const byId = new Map(listed.data.map((k: { id: string }) => [k.id, k]));
    expect(byId.get(first.id)).toMatchObject({ status: 'expired' });
    expect(byId.get(rotated.id)).toMatchObject({ status: 'revoked' });
  });
});
