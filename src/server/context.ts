import type { DefaultContext, DefaultState, ParameterizedContext } from 'koa';
import type { AuthContext } from '../modules/keys/key.service.js';
import type { Logger } from '../runtime/logger.js';

/** What our middleware puts on every request's state. */
export interface BaasState extends DefaultState {
  requestId: string;
  log: Logger;
  /** Set by the authentication middleware on every /v1 request that gets past it. */
  auth?: AuthContext;
}

export type BaasContext = ParameterizedContext<BaasState, DefaultContext>;
