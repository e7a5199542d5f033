import { dbDate, type Db } from '../../../db/orm.js';

export interface HealthChange {
  lastSuccessAt?: Date;
  failingSince?: Date | null;
  disabledReason?: string;
}

/** Writes only what changed about an endpoint's health (most deliveries change nothing). */
export async function updateEndpointHealth(em: Db, endpointId: string, change: HealthChange, now: Date): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (change.lastSuccessAt) set('last_success_at', dbDate(em, change.lastSuccessAt));
  if (change.failingSince !== undefined) set('failing_since', change.failingSince ? dbDate(em, change.failingSince) : null);
  if (change.disabledReason) {
    set('status', 'disabled');
    set('disabled_reason', change.disabledReason);
  }
  if (sets.length === 0) return;
  await em.execute(
    `update webhook_endpoints set ${sets.join(', ')}, updated_at = ? where id = ?`,
    [...values, dbDate(em, now), endpointId],
    'run',
  );
}
