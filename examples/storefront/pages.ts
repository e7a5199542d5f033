import type { KnownOrder } from './order-book.js';

export const PRODUCT = { sku: 'TSHIRT-M', name: 'Camiseta baas', unit_amount: 4990 };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Minor units the currency's way: 4990 BRL is R$ 49.90, 4990 CLP is CLP 4,990. */
function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits!);
}

function layout(title: string, body: string, refresh = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
${refresh ? '<meta http-equiv="refresh" content="2">' : ''}
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{padding:.5rem 1rem;margin:.25rem 0}
.status{font-size:1.4rem}.paid{color:#0a7b33}.pending{color:#a86b00}.cancelled,.refunded{color:#888}</style></head>
<body><h1><a href="/">baas storefront</a></h1>${body}</body></html>`;
}

export function catalogPage(currency: string): string {
  return layout(
    'baas storefront',
    `<h2>${escape(PRODUCT.name)}</h2><p>${money(PRODUCT.unit_amount, currency)}</p>
<form method="post" action="/orders">
<label>Quantity <input name="quantity" type="number" min="1" max="10" value="1"></label><br>
<label>E-mail <input name="email" type="email" value="ana@example.com"></label><br>
<button>Buy</button></form>`,
  );
}

export function orderPage({ order, payments, events }: KnownOrder): string {
  const pending = order.status === 'pending';
  const pay = pending
    ? `<h3>Pay</h3>
<form method="post" action="/orders/${order.id}/checkout"><button>Pay on Mercado Pago (Checkout Pro)</button></form>
<form method="post" action="/orders/${order.id}/pay">
<label>Sandbox test card <select name="cardholder"><option>APRO</option><option>OTHE</option><option>CONT</option></select></label>
<button>Pay by card</button></form>`
    : '';
  const paymentRows = [...payments.values()].map(
    (p) => `<li>${p.id}: ${escape(p.method)} ${money(p.amount, p.currency)} — ${escape(p.status)}</li>`,
  );
  const eventRows = events.map((e) => `<li><code>${escape(e.type)}</code> ${e.id}</li>`);
  return layout(
    `Order ${order.id}`,
    `<h2>Order ${order.id}</h2>
<p class="status">Status: <strong id="status" class="${escape(order.status)}" data-status="${escape(order.status)}">${escape(order.status)}</strong></p>
<p>${order.items.map((i) => `${i.quantity} × ${escape(i.name)}`).join(', ')} — total ${money(order.amount_total, order.currency)}</p>
${pay}
<h3>Payments</h3><ul>${paymentRows.join('') || '<li>none yet</li>'}</ul>
<h3>Verified webhooks</h3><ul>${eventRows.join('') || '<li>none yet</li>'}</ul>`,
    pending,
  );
}
