import type { OrderJson } from '../orders/order.json.js';
import type { paymentJson } from '../payments/payment.json.js';

/**
 * What a template is rendered with. The core builds it from the records (the API's own JSON
 * shapes, snake_case, amounts in minor units) and merges in the `data` a POST /v1/messages
 * call gives, which wins on conflicts. Money is formatted by the templates' helpers with the
 * currency beside the amount; dates are ISO strings formatted in the store's time zone.
 */
export interface TemplateData {
  store: { name: string; contact_email: string | null };
  /** The order's `customer` (name, email, phone, locale), or what the caller gave. */
  customer: { name?: string; email?: string; phone?: string; locale?: string };
  /** `number` is what the customer knows the order by: its external_id, else its id. */
  order?: OrderJson & { number: string };
  payment?: ReturnType<typeof paymentJson>;
  /** payment_rejected: where the customer can try again, when the storefront gives one. */
  retry_url?: string;
  [key: string]: unknown;
}
