import Router from '@koa/router';
import { baseUrlOf, bodyOf, requestState, snapshot, type Sim } from './context.js';
import { errors } from './errors.js';
import { createPreference, findPreference } from './preferences.js';

export function preferenceRoutes(sim: Sim): Router {
  const router = new Router();
  router.post('/checkout/preferences', (ctx) => {
    const { accessToken, collectorId } = requestState(ctx);
    const preference = createPreference(sim, bodyOf(ctx), collectorId, sim.state.currencyFor(accessToken), baseUrlOf(sim, ctx));
    ctx.status = 201;
    ctx.body = snapshot(preference);
  });
  router.get('/checkout/preferences/:id', (ctx) => {
    const preference = findPreference(sim, ctx.params.id ?? '');
    if (preference.collector_id !== requestState(ctx).collectorId) throw errors.notFound('Preference');
    ctx.body = snapshot(preference);
  });
  return router;
}
