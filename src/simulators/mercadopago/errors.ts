/**
 * Mercado Pago's error body (reference §8): `{message, error, status, cause:[{code, description, data}]}`.
 * Codes follow MP's published error list where the reference names them; the rest are marked.
 */
export interface MpCause {
  code: number | string;
  description: string;
  data: null;
}

export interface MpErrorBody {
  message: string;
  error: string;
  status: number;
  cause: MpCause[];
}

export class MpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly causes: MpCause[] = [],
  ) {
    super(message);
  }

  toBody(): MpErrorBody {
    return { message: this.message, error: this.error, status: this.status, cause: this.causes };
  }
}

/** A 400 with one cause whose description repeats the message, as MP usually answers. */
export function badRequest(code: number | string, description: string): MpError {
  return new MpError(400, 'bad_request', description, [{ code, description, data: null }]);
}

export const errors = {
  unauthorized: () => new MpError(401, 'unauthorized', 'must provide access_token', []), // exact body unverified (§8)
  missingIdempotencyKey: () => badRequest(4292, "Header X-Idempotency-Key can't be null"),
  cardTokenNotFound: () => badRequest(2006, 'Card Token not found'),
  invalidCardToken: () => badRequest(3003, 'Invalid card_token_id'),
  invalidState: () => badRequest(3005, 'Not valid action, the resource is in a state that does not allow this operation'),
  invalidAmount: () => badRequest(4037, 'Invalid transaction_amount'),
  paymentNotFound: () => new MpError(404, 'not_found', 'Payment not found', [{ code: 2000, description: 'Payment not found', data: null }]),
  notFound: (what: string) => new MpError(404, 'not_found', `${what} not found`, []),
  internal: () => new MpError(500, 'internal_server_error', 'Internal server error', []), // MP's flaky 500s carry an empty cause (§11)
  tooManyRequests: () => new MpError(429, 'too_many_requests', 'Too many requests', []),
};

/** Renders MpError (and anything unexpected, as a bare 500) in MP's shape. */
export function mpErrorHandler() {
  return async (ctx: import('koa').Context, next: import('koa').Next) => {
    try {
      await next();
    } catch (error) {
      const mp = error instanceof MpError ? error : errors.internal();
      ctx.status = mp.status;
      ctx.body = mp.toBody();
    }
  };
}
