import type { Db } from '../../db/orm.js';
import { MESSAGE_STATUSES } from '../messages/message-status.js';
import type { PaymentStatus } from '../payments/payment-provider.js';
import { REFUND_STATUSES } from '../payments/refund.entity.js';
import { PAYMENT_STATUSES } from '../payments/state-machine.js';
import { purgeableFigures } from './purgeable-figures.js';
import type { KeptSince } from './retention.js';
import { countNotifications } from './sql/count-notifications.js';
import { countOf, countRows, SOURCES, type CountedRow, type StoreWindow } from './sql/count-rows.js';
import type { UsageFigures } from './usage.json.js';
import { volumes } from './volumes.js';

/** A payment in one of these was approved at some point: its amount is approved volume, whatever came after. */
const APPROVED: ReadonlySet<string> = new Set<PaymentStatus>([
  'approved',
  'partially_refunded',
  'refunded',
  'in_mediation',
  'charged_back',
]);

/** WhatsApp messages Meta has delivered: what it charges for. */
const BILLABLE: ReadonlySet<string> = new Set(['delivered', 'read']);

/** Each of `keys` with the count of the rows that have it. */
function tally<const K extends string>(keys: readonly K[], rows: { key: string; n: number }[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const row of rows) if (row.key in counts) counts[row.key as K] += row.n;
  return counts;
}

const keyed = <K extends string>(rows: CountedRow<K>[], key: K) => rows.map((row) => ({ key: row[key], n: row.n }));

/** Everything usage reports about one store's window, each figure from the table that records it. */
export async function countFigures(em: Db, window: StoreWindow, storeCreatedAt: Date, kept: KeptSince): Promise<UsageFigures> {
  const purgeable = await purgeableFigures(em, window, storeCreatedAt, kept);
  const payments = await countRows(em, SOURCES.payments, window, { by: ['status', 'currency'], amount: true });
  const refunds = await countRows(em, SOURCES.refunds, window, { by: ['status', 'currency'], amount: true });
  const messages = await countRows(em, SOURCES.messages, window, { by: ['channel', 'status'] });
  const ofChannel = (channel: string) =>
    keyed(
      messages.filter((row) => row.channel === channel),
      'status',
    );
  const notifications = await countNotifications(em, window);
  const attributed = (provider: string) => notifications.find((row) => row.provider === provider)?.attributed ?? 0;
  return {
    api_requests: { count: purgeable.apiRequests, complete: purgeable.complete.requests },
    orders: { created: await countOf(em, SOURCES.orders, window) },
    payments: {
      by_status: tally(PAYMENT_STATUSES, keyed(payments, 'status')),
      approved_volume: volumes(payments.filter((row) => APPROVED.has(row.status))),
    },
    refunds: {
      by_status: tally(REFUND_STATUSES, keyed(refunds, 'status')),
      refunded_volume: volumes(refunds.filter((row) => row.status === 'succeeded')),
    },
    webhook_deliveries: {
      succeeded: purgeable.deliveriesSucceeded,
      failed: purgeable.deliveriesFailed,
      complete: purgeable.complete.deliveries,
    },
    messages: {
      email: tally(MESSAGE_STATUSES, ofChannel('email')),
      whatsapp: tally(MESSAGE_STATUSES, ofChannel('whatsapp')),
      whatsapp_billable: ofChannel('whatsapp').reduce((sum, row) => sum + (BILLABLE.has(row.key) ? row.n : 0), 0),
    },
    inbound_notifications: {
      mercadopago: attributed('mercadopago'),
      whatsapp: attributed('whatsapp'),
      unattributed: notifications.reduce((sum, row) => sum + row.unattributed, 0),
    },
  };
}
