import { mergeData } from '../../shared/merge-data.js';
import type { Order } from '../orders/order.entity.js';
import { orderJson } from '../orders/order.json.js';
import type { paymentJson } from '../payments/payment.json.js';
import type { Store } from '../stores/store.entity.js';
import type { TemplateData } from './template-data.js';

export interface TemplateSources {
  store: Store;
  order?: Order | null;
  /** As the event that caused the message showed it (payment_pending needs its Pix code). */
  payment?: ReturnType<typeof paymentJson> | null;
  /** The caller's data (POST /v1/messages): merged key by key over what the records say, and wins. */
  data?: Record<string, unknown>;
}

/** What a template is rendered with, from the records the message is about. */
export function templateContext(sources: TemplateSources): TemplateData {
  const order = sources.order ? orderJson(sources.order) : undefined;
  const recorded: TemplateData = {
    store: { name: sources.store.name, contact_email: sources.store.contactEmail ?? null },
    customer: order?.customer ?? {},
    ...(order ? { order: { ...order, number: order.external_id ?? order.id } } : {}),
    ...(sources.payment ? { payment: sources.payment } : {}),
  };
  return mergeData(recorded, sources.data ?? {});
}
