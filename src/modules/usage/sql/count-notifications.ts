import { dbDate, type Db } from '../../../db/orm.js';
import type { StoreWindow } from './count-rows.js';

export interface NotificationCount {
  provider: string;
  /** About a payment or message of the window's mode. */
  attributed: number;
  /** About nothing of this store in either mode: other topics, incoming customer messages, unknown ids. */
  unattributed: number;
}

/**
 * Whether notification `n` is about a payment (Mercado Pago) or message (WhatsApp) of the store
 * in the modes bound to the `?`s. Both modes are `livemode in (?, ?)`, not no condition at all:
 * an index probe per mode instead of a scan of the store's rows.
 */
function about(modes: 'one' | 'both'): string {
  const livemode = modes === 'one' ? '= ?' : 'in (?, ?)';
  return `((n.provider = 'mercadopago' and exists (select 1 from payments p
             where p.store_id = n.store_id and p.livemode ${livemode} and p.provider_payment_id = n.resource_id))
        or (n.provider = 'whatsapp' and exists (select 1 from messages m
             where m.store_id = n.store_id and m.livemode ${livemode} and m.provider_message_id = n.resource_id)))`;
}

/**
 * Inbound notifications received in the window, by provider. They carry no mode: the hook URL
 * names only the store, and the mode is that of what they are about, found through the
 * payments' unique (store, mode, provider id) index and the messages' (store, mode, wamid) one.
 */
export async function countNotifications(em: Db, window: StoreWindow): Promise<NotificationCount[]> {
  const rows = await em.execute<{ provider: string; attributed: unknown; unattributed: unknown }[]>(
    `select n.provider as provider,
            sum(case when ${about('one')} then 1 else 0 end) as attributed,
            sum(case when ${about('both')} then 0 else 1 end) as unattributed
       from provider_notifications n
      where n.store_id = ? and n.received_at >= ? and n.received_at < ?
      group by n.provider`,
    [window.livemode, window.livemode, false, true, false, true, window.storeId, dbDate(em, window.from), dbDate(em, window.to)],
  );
  return rows.map((row) => ({ provider: row.provider, attributed: Number(row.attributed), unattributed: Number(row.unattributed) }));
}
