import { describe, expect, it } from 'vitest';
import { CreateOrderInput } from '../../src/modules/orders/order-input.js';
import { EventSchema } from '../../src/modules/events/event.entity.js';
import { SAMPLE_ORDER } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer } from '../helpers/server.js';

describe('baas events prune', () => {
  it('counts with --dry-run, then deletes only events older than the age and of the store asked', async () => {
    const server = await startTestServer();
    const a = await server.instance.stores.create({ name: 'A', currency: 'BRL', locale: 'pt-BR' });
    const b = await server.instance.stores.create({ name: 'B', currency: 'BRL', locale: 'pt-BR' });
    const order = (storeId: string) =>
      server.instance.orders.create({ storeId, mode: 'test', requestId: null }, CreateOrderInput.parse(SAMPLE_ORDER));
    await order(a.store.id);
    await order(a.store.id);
    await order(b.store.id);
    // Age two of store A's events and store B's one by 400 days.
    const em = server.instance.orm.em.fork();
    const events = await em.find(EventSchema, {}, { filters: false, orderBy: { id: 'asc' } });
    for (const event of [events[0]!, events[2]!]) event.createdAt = new Date(Date.now() - 400 * 24 * 3600_000);
    await em.flush();

    const env = { BAAS_DATA_DIR: server.dataDir };
    const dry = JSON.parse(
      (await runCli(['events', 'prune', '--older-than', '365d', '--store', a.store.slug, '--dry-run', '--json'], { env })).stdout,
    );
    expect(dry).toMatchObject({ dry_run: true, matched: 1, store_id: a.store.id });
    const done = JSON.parse((await runCli(['events', 'prune', '--older-than', '365d', '--json'], { env })).stdout);
    expect(done).toMatchObject({ dry_run: false, deleted: 2 });
    expect(await server.instance.orm.em.fork().count(EventSchema, {}, { filters: false })).toBe(1);

    const bad = await runCli(['events', 'prune', '--older-than', 'soon'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^✗ --older-than: "soon" is not a duration/);
  });
});
