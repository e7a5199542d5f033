import Router from '@koa/router';
import { issueCardToken } from './card-tokens.js';
import { bodyOf, type Sim } from './context.js';
import { errors } from './errors.js';

export function cardTokenRoutes(sim: Sim): Router {
  const router = new Router();
  router.post('/v1/card_tokens', (ctx) => {
    const publicKey = typeof ctx.query.public_key === 'string' ? ctx.query.public_key : null;
    ctx.status = 201;
    ctx.body = issueCardToken(sim.state, bodyOf(ctx), publicKey);
  });
  router.get('/v1/card_tokens/:id', (ctx) => {
    const token = sim.state.tokens.get(ctx.params.id ?? '');
    if (!token) throw errors.cardTokenNotFound();
    ctx.body = {
      id: token.id,
      status: token.used ? 'used' : 'active',
      first_six_digits: token.firstSixDigits,
      last_four_digits: token.lastFourDigits,
      expiration_month: token.expirationMonth,
      expiration_year: token.expirationYear,
      cardholder: { name: token.cardholderName, identification: token.identification },
      date_created: token.dateCreated,
      live_mode: false,
    };
  });
  return router;
}
