import type { DefaultContext, DefaultState, ParameterizedContext } from 'koa';
import type { Logger } from '../runtime/logger.js';

/** What our middleware puts on every request's state. */
export interface BaasState extends DefaultState {
  requestId: string;
  log: Logger;
}

export type BaasContext = ParameterizedContext<BaasState, DefaultContext>;
