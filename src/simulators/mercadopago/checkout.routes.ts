import Router from '@koa/router';
import { baseUrlOf, bodyOf, requestState, snapshot, type Sim } from './context.js';
import { errors } from './errors.js';
import { OUTCOMES } from './outcomes.js';
import { backUrl, findPreference, payPreference } from './preferences.js';

/**
 * The buyer-facing pages MP would host: Checkout Pro (`init_point`) and the Pix ticket. No auth,
 * as for a browser. A form post redirects to the back_url like MP; a JSON post (tests, CLI)
 * answers with the payment and where the buyer would have been sent.
 */
export function checkoutRoutes(sim: Sim): Router {
  const router = new Router();

  router.get('/checkout/pay/:preferenceId', (ctx) => {
    const preference = findPreference(sim, ctx.params.preferenceId ?? '');
    const total = preference.items.reduce((sum, item) => sum + (item.unit_price as number) * (item.quantity as number), 0);
    const options = Object.keys(OUTCOMES)
      .map((name) => `<option>${name}</option>`)
      .join('');
    ctx.type = 'text/html';
    ctx.body = `<!doctype html><meta charset="utf-8"><title>Mercado Pago sandbox checkout</title>
<h1>Sandbox checkout</h1><p>${escapeHtml(String(preference.items[0]?.title ?? ''))} — ${preference.items[0]?.currency_id} ${total}</p>
<form method="post"><label>Cardholder name <select name="cardholder_name">${options}</select></label>
<button name="payment_method_id" value="visa">Pay with card</button>
<button name="payment_method_id" value="pix">Pay with Pix</button></form>`;
  });

  router.post('/checkout/pay/:preferenceId', (ctx) => {
    const preference = findPreference(sim, ctx.params.preferenceId ?? '');
    const body = bodyOf(ctx);
    const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
    const payment = payPreference(
      sim,
      preference,
      { cardholderName: text('cardholder_name'), status: text('status'), paymentMethodId: text('payment_method_id'), email: text('email') },
      baseUrlOf(sim, ctx),
      requestState(ctx).afterResponse,
    );
    const redirect = backUrl(preference, payment);
    if (ctx.is('application/x-www-form-urlencoded')) {
      if (redirect) return ctx.redirect(redirect);
      ctx.type = 'text/html';
      ctx.body = `<!doctype html><meta charset="utf-8"><p>Payment ${payment.id}: ${payment.status} (${payment.status_detail})</p>`;
      return;
    }
    ctx.status = 201;
    ctx.body = { payment: snapshot(payment), redirect_url: redirect };
  });

  router.get('/payments/:id/ticket', (ctx) => {
    const payment = sim.state.payments.get(Number(ctx.params.id));
    const data = (payment?.point_of_interaction.transaction_data ?? undefined) as { qr_code?: string } | undefined;
    if (!payment || !data?.qr_code) throw errors.paymentNotFound();
    ctx.type = 'text/html';
    ctx.body = `<!doctype html><meta charset="utf-8"><title>Pix</title><h1>Pix ${payment.currency_id} ${payment.transaction_amount}</h1>
<p>Status: ${payment.status}</p><textarea readonly cols="80" rows="4">${escapeHtml(data.qr_code)}</textarea>`;
  });

  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
