import type { Orm } from '../../db/orm.js';
import { WebhookEndpointSchema } from '../webhooks/webhook-endpoint.entity.js';
import { verdict, type Check } from './doctor-check.js';

/** Endpoints whose storefront is not getting its events: failing since a time, or disabled after failing for days. */
export async function checkWebhookEndpoints(orm: Orm): Promise<Check> {
  const endpoints = await orm.em.fork().find(
    WebhookEndpointSchema,
    {
      $or: [
        { status: 'enabled', failingSince: { $ne: null } },
        { status: 'disabled', disabledReason: { $ne: 'disabled_by_user' } },
      ],
    },
    { filters: false, orderBy: { id: 'asc' }, populate: ['store'] },
  );
  const problems = endpoints.map((endpoint) => {
    const where = `${endpoint.id} (${endpoint.url}) of store ${endpoint.store.slug}`;
    return endpoint.status === 'disabled'
      ? `${where} was disabled: ${endpoint.disabledReason ?? 'no reason recorded'}`
      : `${where} failing since ${endpoint.failingSince!.toISOString()}`;
  });
  if (problems.length) {
    problems.push(
      'Fix: see why with `baas webhooks deliveries --endpoint we_… --status failed`, fix the receiver, then `baas webhooks replay --since …`',
    );
  }
  return verdict('webhook endpoints', problems, [], 'no endpoint is failing');
}
