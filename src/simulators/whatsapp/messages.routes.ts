import Router from '@koa/router';
import type { Context } from 'koa';
import { bodyOf } from '../mercadopago/context.js';
import { findPhoneNumber, type Sim } from './context.js';
import { errors } from './errors.js';
import { acceptMessage } from './messages.js';
import { progress } from './progress.js';
import type { PhoneNumberRegistration } from './state.js';

/** `POST /{version}/{phone-number-id}/messages`, the one Graph API call the channel makes (reference §1). */
export function messageRoutes(sim: Sim): Router {
  const router = new Router();
  router.post('/:version/:phoneNumberId/messages', (ctx) => {
    const { version, phoneNumberId } = ctx.params as { version: string; phoneNumberId: string };
    if (!/^v\d+\.\d+$/.test(version)) throw errors.unknownPath(ctx.path);
    // Meta looks the object up before it checks that the token may use it.
    const registration = findPhoneNumber(sim, phoneNumberId);
    if (!registration) throw errors.unknownObject(phoneNumberId);
    checkToken(ctx, registration);
    const { message, undeliverable } = acceptMessage(sim.state, registration, bodyOf(ctx));
    ctx.body = {
      messaging_product: 'whatsapp',
      contacts: [{ input: message.to, wa_id: message.wa_id }],
      // Meta reports message_status for templates (pacing may hold them) and leaves it out for texts.
      messages: [{ id: message.id, ...(message.type === 'template' ? { message_status: 'accepted' } : {}) }],
    };
    progress(sim, registration, message, undeliverable, responded(ctx));
  });
  return router;
}

function checkToken(ctx: Context, registration: PhoneNumberRegistration): void {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'))?.[1];
  if (token !== registration.access_token) throw errors.badToken();
}

/** Resolves once the response is out (or the client went away). */
function responded(ctx: Context): Promise<void> {
  return new Promise((resolve) => {
    ctx.res.once('finish', resolve);
    ctx.res.once('close', resolve);
  });
}
