import type { Next } from 'koa';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../runtime/logger.js';
import type { BaasContext } from '../context.js';
import { traced } from '../../modules/activity/trace.js';

/** A client-sent id is kept when it is short and printable, so both sides log the same id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestId(logger: Logger) {
  return async (ctx: BaasContext, next: Next) => {
    const sent = ctx.get('X-Request-Id');
    const id = SANE_REQUEST_ID.test(sent) ? sent : newId('req');
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ request_id: id });
    ctx.set('X-Request-Id', id);
    // Everything the request does, down to the jobs' enqueueing and the ORM's flushes, knows its id.
    await traced({ requestId: id }, next);
  };
}
