import { CURRENCY_EXPONENTS, isCurrency } from '../../shared/currency.js';
import type { ActivityEntry } from './activity-log.js';
import type { Trace } from './trace.js';

type Row = Record<string, unknown>;

const idOf = (ref: unknown): string | undefined =>
  typeof ref === 'string' ? ref : ref && typeof ref === 'object' ? ((ref as { id?: string }).id ?? undefined) : undefined;

/** 11480 BRL → `114.80 BRL`: plain and locale-free, for operators. */
export function amount(minor: unknown, currency: unknown): string {
  if (typeof minor !== 'number' || typeof currency !== 'string') return String(minor);
  const digits = isCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2;
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
}

/**
 * The activity row for an entity a flush creates, when it is a change worth telling: an event
 * (with the object's gist) or a payment transition (with its cause, applied or refused).
 */
export function describeChange(entityName: string, row: Row, trace: Trace | undefined): ActivityEntry | null {
  if (entityName === 'Event') return describeEvent(row);
  if (entityName === 'PaymentTransition') return describeTransition(row, trace);
  return null;
}

function describeEvent(event: Row): ActivityEntry {
  const data = event.data as { object: Row; previous_attributes?: Row };
  const object = data.object;
  const type = event.type as string;
  return {
    kind: 'event',
    summary: `${type} ${object.id as string}${gist(type, object, data.previous_attributes)}`,
    at: event.createdAt as Date,
    storeId: idOf(event.store),
    livemode: event.livemode as boolean,
    requestId: (event.requestId as string | null) ?? undefined,
    orderId: (event.orderId as string | null) ?? undefined,
    paymentId: (event.paymentId as string | null) ?? undefined,
    messageId: object.object === 'message' ? (object.id as string) : undefined,
    eventId: event.id as string,
    outcome: type,
    ...(object.object === 'message' ? { detail: { channel: object.channel, template: object.template } } : {}),
  };
}

function gist(type: string, object: Row, previous: Row | undefined): string {
  const from = previous?.status ? `${previous.status as string} → ` : '';
  switch (object.object) {
    case 'order':
      return `: ${from}${object.status as string} (paid ${amount(object.amount_paid, object.currency)} of ${amount(object.amount_total, object.currency)})`;
    case 'payment':
      return `: ${from}${object.status as string}${object.status_detail ? ` (${object.status_detail as string})` : ''}, ${amount(object.amount, object.currency)} ${object.method as string}`;
    case 'refund':
      return `: ${amount(object.amount, object.currency)} ${object.status as string}`;
    case 'message':
      return `: ${object.channel as string} ${object.template as string} ${from}${object.status as string}${type === 'message.failed' && object.error ? ` (${(object.error as Row).code as string})` : ''}`;
    default:
      return '';
  }
}

function describeTransition(transition: Row, trace: Trace | undefined): ActivityEntry {
  const applied = transition.applied as boolean;
  const cause = `${transition.cause as string}${transition.causeId ? ` ${transition.causeId as string}` : ''}`;
  return {
    kind: 'transition',
    level: applied ? 'info' : 'warn',
    summary: `payment ${transition.paymentId as string}: ${transition.from as string} → ${transition.to as string}${applied ? '' : ` ignored (${transition.reason as string})`}, by ${cause}`,
    at: transition.createdAt as Date,
    paymentId: transition.paymentId as string,
    // The order is the trace's when the payment service put it there.
    orderId: trace && trace.paymentId === transition.paymentId ? trace.orderId : undefined,
    outcome: applied ? 'applied' : 'ignored',
    detail: { from: transition.from, to: transition.to, cause: transition.cause, cause_id: transition.causeId, reason: transition.reason },
  };
}
