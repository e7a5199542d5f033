import { describe, expect, it } from 'vitest';
import { createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { startTestServer } from '../helpers/server.js';
import { clientFor } from './client-helpers.js';

describe('BaasClient pagination', () => {
  it('iterates every item newest first, a page at a time over starting_after', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas, sent } = clientFor(server, keys.test);
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await baas.orders.create({ ...SAMPLE_ORDER, external_id: `web-${i}` })).id);

    const seen = [];
    for await (const order of baas.orders.iterate({ limit: 2 })) seen.push(order.id);
    expect(seen).toEqual(created.reverse());
    const pages = sent.filter((r) => r.method === 'GET').map((r) => new URL(r.url).searchParams.get('starting_after'));
    expect(pages).toEqual([null, seen[1], seen[3]]);
  });

  it('stops fetching when the loop stops', async () => {
    const server = await startTestServer();
    const { keys } = await createTenant(server);
    const { baas, sent } = clientFor(server, keys.test);
    for (let i = 0; i < 3; i++) await baas.orders.create(SAMPLE_ORDER);

    for await (const order of baas.orders.iterate({ limit: 1 })) if (order) break;
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(1);
  });
});
