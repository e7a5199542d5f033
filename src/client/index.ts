/** `ecommerce-baas/client`: a typed client of the baas API and the verifier of its webhooks. */
export { BaasClient } from './baas-client.js';
export type { ClientOptions, RequestOptions } from './http-client.js';
export {
  ApiError,
  AuthenticationError,
  BaasConnectionError,
  BaasError,
  IdempotencyError,
  InvalidRequestError,
  InvalidStateError,
  NotFoundError,
  PermissionError,
  ProviderError,
  RateLimitError,
} from './errors.js';
export { verifyWebhook, WebhookVerificationError, type VerifyWebhookOptions, type WebhookHeaders } from './verify-webhook.js';
export type * from './types.js';
