import { describe, expect, it } from 'vitest';
import { IdempotencyService } from '../../../src/modules/idempotency/idempotency.service.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { openTestInstance } from '../../helpers/instance.js';

describe('IdempotencyService', () => {
  it('lets a retry take over a key whose first request died, and frees keys after 24 h', async () => {
    const instance = await openTestInstance();
    const { store } = await instance.stores.create({ name: 'S', currency: 'BRL', locale: 'pt-BR' });
    const clock = fixedClock(new Date('2026-11-25T12:00:00Z'));
    const service = new IdempotencyService(instance.orm, clock);
    const scope = { storeId: store.id, mode: 'test' as const };

    const first = await service.begin(scope, 'k', 'hash-1');
    expect(first.outcome).toBe('proceed');
    await expect(service.begin(scope, 'k', 'hash-1')).rejects.toMatchObject({ status: 409, code: 'idempotency_key_in_use' });

    clock.advance(91_000); // the first request's process died; its lock ran out
    const takeover = await service.begin(scope, 'k', 'hash-1');
    expect(takeover).toEqual(first);
    await service.complete(takeover.outcome === 'proceed' ? takeover.id : '', 201, { ok: true });
    expect(await service.begin(scope, 'k', 'hash-1')).toEqual({ outcome: 'replay', status: 201, body: { ok: true } });

    clock.advance(24 * 3600_000);
    expect(await service.purgeExpired(100)).toBe(1);
    expect((await service.begin(scope, 'k', 'hash-2')).outcome).toBe('proceed');
  });
});
