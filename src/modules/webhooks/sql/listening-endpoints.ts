import { queryBound } from '../../../db/bound-statement.js';
import { jsonColumn } from '../../../db/json-column.js';
import type { Db } from '../../../db/orm.js';

export interface ListeningEndpoint {
  id: string;
  enabledEvents: string[];
}

/**
 * A store's enabled endpoints in one mode, in the entity manager's transaction: every event
 * asks, so it is one bound statement on the (store_id, livemode, status) index rather than an
 * ORM find (~1.3 ms of the event loop each, a fifth of creating an order).
 */
export async function listeningEndpoints(em: Db, storeId: string, livemode: boolean): Promise<ListeningEndpoint[]> {
  const rows = await queryBound<{ id: string; enabled_events: unknown }>(
    em,
    `select id, enabled_events from webhook_endpoints where store_id = ? and livemode = ? and status = 'enabled'`,
    [storeId, livemode],
  );
  return rows.map((row) => ({ id: row.id, enabledEvents: jsonColumn<string[]>(row.enabled_events) }));
}
