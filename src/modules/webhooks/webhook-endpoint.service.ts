import type { Orm } from '../../db/orm.js';
import { paginate, type Page } from '../../db/paginate.js';
import type { Clock } from '../../shared/clock.js';
import { invalidRequest, notFound } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { ownership, scopedEm, type Scope } from '../tenancy/scope.js';
import { retireSecret, sealSecret } from './endpoint-secrets.js';
import { checkEventPatterns } from './event-patterns.js';
import { generateWebhookSecret } from './signature.js';
import { checkWebhookUrl } from './ssrf-guard.js';
import { WebhookDeliverySchema, type WebhookDelivery } from './webhook-delivery.entity.js';
import type { CreateEndpoint, UpdateEndpoint } from './webhook-endpoint-input.js';
import { WebhookEndpointSchema, type WebhookEndpoint } from './webhook-endpoint.entity.js';

export interface EndpointPolicy {
  /** BAAS_WEBHOOK_ALLOW_PRIVATE: loopback/private targets and plain http in live mode. */
  allowPrivate: boolean;
}

/** Endpoint CRUD and secret rotation, always within the caller's store and mode. */
export class WebhookEndpointService {
  constructor(
    private readonly orm: Orm,
    private readonly masterKey: Buffer,
    private readonly clock: Clock,
    private readonly policy: EndpointPolicy,
  ) {}

  async create(scope: Scope, input: CreateEndpoint): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    this.checkUrl(scope, input.url);
    const enabledEvents = checkEventPatterns(input.enabled_events);
    const em = scopedEm(this.orm, scope);
    const id = newId('we');
    const secret = generateWebhookSecret();
    const endpoint = em.create(WebhookEndpointSchema, {
      id,
      ...ownership(scope),
      url: input.url,
      description: input.description ?? null,
      enabledEvents,
      ...sealSecret(this.masterKey, id, secret),
    });
    await em.flush();
    return { endpoint, secret };
  }

  async list(scope: Scope, page: { limit: number; starting_after?: string }): Promise<Page<WebhookEndpoint>> {
    return paginate(scopedEm(this.orm, scope), WebhookEndpointSchema, {}, page);
  }

  async get(scope: Scope, id: string): Promise<WebhookEndpoint> {
    return findEndpoint(scopedEm(this.orm, scope), id);
  }

  async update(scope: Scope, id: string, input: UpdateEndpoint): Promise<WebhookEndpoint> {
    const em = scopedEm(this.orm, scope);
    const endpoint = await findEndpoint(em, id);
    if (input.url !== undefined) {
      this.checkUrl(scope, input.url);
      endpoint.url = input.url;
    }
    if (input.enabled_events !== undefined) endpoint.enabledEvents = checkEventPatterns(input.enabled_events);
    if (input.description !== undefined) endpoint.description = input.description;
    if (input.status !== undefined && input.status !== endpoint.status) {
      endpoint.status = input.status;
      // Re-enabling starts a fresh failure clock; the operator has looked at it.
      endpoint.disabledReason = input.status === 'disabled' ? 'disabled_by_user' : null;
      if (input.status === 'enabled') endpoint.failingSince = null;
    }
    await em.flush();
    return endpoint;
  }

  async delete(scope: Scope, id: string): Promise<WebhookEndpoint> {
    const em = scopedEm(this.orm, scope);
    const endpoint = await findEndpoint(em, id);
    await em.remove(endpoint).flush();
    return endpoint;
  }

  /** A new secret now; the current one keeps signing beside it for `expireCurrentInSeconds`. */
  async rotateSecret(scope: Scope, id: string, expireCurrentInSeconds: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const em = scopedEm(this.orm, scope);
    const endpoint = await findEndpoint(em, id);
    const secret = generateWebhookSecret();
    em.assign(endpoint, {
      ...retireSecret(this.masterKey, endpoint, new Date(this.clock.now().getTime() + expireCurrentInSeconds * 1000)),
      ...sealSecret(this.masterKey, endpoint.id, secret),
    });
    await em.flush();
    return { endpoint, secret };
  }

  async deliveries(
    scope: Scope,
    id: string,
    query: { status?: 'succeeded' | 'failed'; limit: number; starting_after?: string },
  ): Promise<Page<WebhookDelivery>> {
    const em = scopedEm(this.orm, scope);
    await findEndpoint(em, id);
    return paginate(em, WebhookDeliverySchema, { endpointId: id, ...(query.status ? { status: query.status } : {}) }, query);
  }

  private checkUrl(scope: Scope, url: string): void {
    const verdict = checkWebhookUrl(url, {
      allowPrivate: this.policy.allowPrivate,
      requireHttps: scope.mode === 'live' && !this.policy.allowPrivate,
    });
    if (!verdict.ok) throw invalidRequest('url_invalid', verdict.reason, 'url');
  }
}

async function findEndpoint(em: ReturnType<typeof scopedEm>, id: string): Promise<WebhookEndpoint> {
  const endpoint = await em.findOne(WebhookEndpointSchema, { id });
  if (!endpoint) throw notFound('resource_missing', `No such webhook endpoint: ${id}`);
  return endpoint;
}
