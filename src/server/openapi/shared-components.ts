const header = (description: string, schema: object = { type: 'string' }) => ({ description, schema });

/** How callers authenticate: both kinds of key travel as a bearer token. */
export const SECURITY_SCHEMES = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A secret key, `sk_test_…` or `sk_live_…`: its store and mode scope everything the call sees and creates. Server-side only.',
  },
  publishableKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'A publishable key, `pk_test_…` or `pk_live_…`: safe in a browser, accepted only by `GET /v1/public/config`.',
  },
};

/** Request headers several operations share. */
export const PARAMETERS = {
  RequestId: {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: 'Your own id for this request (8–128 of `A-Z a-z 0-9 . _ : -`), echoed back and logged; otherwise we make one (`req_…`).',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the POST safe to retry: the first response (success or error) is kept 24 h and replayed to a retry with the same body, with `Idempotent-Replayed: true`. The same key with another body is 422; while the first is still running, 409.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  WebhookId: {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The event’s id (`evt_…`), the same on every retry: dedupe on it.',
    schema: { type: 'string' },
  },
  WebhookTimestamp: {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when this attempt was signed; refuse it when far from your clock (5 minutes is usual).',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  WebhookSignature: {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `${webhook-id}.${webhook-timestamp}.${body}` keyed with the base64-decoded secret after `whsec_`; two of them while a rotated secret is still valid. Accept the request when any one matches.',
    schema: { type: 'string' },
  },
};

/** Response headers several operations share. */
export const HEADERS = {
  XRequestId: header('The request’s id: yours if you sent a sane one, else `req_…`. Errors carry it as `error.request_id`.'),
  IdempotentReplayed: header('`true` when this answer is the stored one of an earlier request with the same Idempotency-Key.', {
    type: 'string',
    enum: ['true'],
  }),
  RetryAfter: header('Whole seconds to wait before trying again.', { type: 'integer', minimum: 1 }),
};

export const ref = (kind: 'parameters' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });
