import { randomBytes } from 'node:crypto';
import type { Context, Next } from 'koa';

/** Meta's title and usual HTTP status per error code (reference §3; statuses as Meta answers them, some unverified). */
const CODES: Readonly<Record<number, readonly [title: string, httpStatus: number]>> = {
  0: ['AuthException', 401],
  1: ['An unknown error occurred', 500],
  2: ['Service temporarily unavailable', 503],
  4: ['Application request limit reached', 400],
  10: ['Application does not have permission for this action', 403],
  100: ['Invalid parameter', 400],
  190: ['Invalid OAuth access token - Cannot parse access token', 401],
  368: ['Temporarily blocked for policies violations', 400],
  80007: ['Rate limit issues', 400],
  130429: ['Rate limit hit', 429],
  131000: ['Something went wrong', 500],
  131009: ['Parameter value is not valid', 400],
  131016: ['Service unavailable', 503],
  131026: ['Message undeliverable', 400],
  131031: ['Business Account locked', 400],
  131042: ['Business eligibility payment issue', 400],
  131047: ['Re-engagement message', 400],
  131048: ['Spam rate limit hit', 400],
  131049: ['This message was not delivered to maintain healthy ecosystem engagement.', 400],
  131050: [
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business',
    400,
  ],
  131056: ['(Business Account, Consumer Account) pair rate limit hit', 400],
  131057: ['Account in maintenance mode', 400],
  132000: ['Number of parameters does not match the expected number of params', 400],
  132001: ['Template name does not exist in the translation', 404],
  132005: ['Translated text too long', 400],
  132007: ['Template Format Character Policy Violated', 400],
  132012: ['Parameter format does not match format in the created template', 400],
  132015: ['Template is Paused', 400],
  132016: ['Template is Disabled', 400],
  133004: ['Server Temporarily Unavailable', 503],
  133010: ['Phone number Not Registered', 400],
};

export function titleOf(code: number): string {
  return CODES[code]?.[0] ?? 'An unknown error occurred';
}

/** A Graph API error: `{"error":{"message","type","code","error_subcode","error_data","fbtrace_id"}}`. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly extra: { details?: string; subcode?: number; type?: string } = {},
  ) {
    super(message);
  }

  toBody() {
    return {
      error: {
        message: this.message,
        type: this.extra.type ?? 'OAuthException',
        code: this.code,
        ...(this.extra.subcode === undefined ? {} : { error_subcode: this.extra.subcode }),
        ...(this.extra.details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details: this.extra.details } }),
        fbtrace_id: `A${randomBytes(16).toString('base64url').slice(0, 22)}`,
      },
    };
  }
}

/** A WhatsApp error as Meta words it, `(#132001) Template name does not exist in the translation`. */
export function whatsappError(code: number, details?: string, httpStatus?: number): GraphError {
  return new GraphError(httpStatus ?? CODES[code]?.[1] ?? 400, code, `(#${code}) ${titleOf(code)}`, { details });
}

/** `(#100) The parameter to is required.` and its kin: Meta names the field in the message, without error_data. */
export function invalidParameter(message: string): GraphError {
  return new GraphError(400, 100, `(#100) ${message}`);
}

export const errors = {
  badToken: () => new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'),
  unknownObject: (id: string) =>
    new GraphError(
      400,
      100,
      `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      { subcode: 33, type: 'GraphMethodException' },
    ),
  unknownPath: (path: string) => new GraphError(400, 2500, `Unknown path components: ${path}`),
  badJson: () => invalidParameter('Invalid JSON in the request body'),
};

/** Renders GraphError (and anything unexpected, as Meta's unknown error) in Meta's shape. */
export function graphErrorHandler() {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const graph = error instanceof GraphError ? error : whatsappError(1);
      ctx.status = graph.httpStatus;
      ctx.body = graph.toBody();
      if (graph.httpStatus === 401) ctx.set('WWW-Authenticate', `OAuth "Facebook Platform" "invalid_token" "${graph.message}"`);
    }
  };
}
