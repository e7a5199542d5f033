import { describe, expect, it } from 'vitest';
import { SETTLE_NOTIFICATIONS } from '../../../src/modules/notifications/process-notification.js';
import { openTestInstance } from '../../helpers/instance.js';
import { onPostgres } from '../../helpers/test-database.js';

describe('settling the notifications a processed job answered', () => {
  it('finds the payment’s waiting notifications by their index, not by walking the store’s history', async ({ skip }) => {
    if (onPostgres) skip('the plan checked is SQLite’s; PostgreSQL plans by its statistics');
    const instance = await openTestInstance();
    const plan = await instance.orm.em
      .getConnection()
      .execute<{ detail: string }[]>(`explain query plan ${SETTLE_NOTIFICATIONS}`, ['processed', 'ok', 0, 'ntf_1', 'sto_1', '1861', 0]);
    const steps = plan.map((step) => step.detail);
    // Before the index, the second branch was (store_id=? AND received_at<?): every notification of the store so far.
    expect(steps).toContainEqual(
      expect.stringMatching(/USING INDEX \S+ \(store_id=\? AND resource_id=\? AND status=\? AND received_at<\?\)/),
    );
  });
});
