import { createHash } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import { answerHandshake, verifyHubSignature } from '../../providers/whatsapp/webhook-auth.js';
import { parseStatusWebhook } from '../../providers/whatsapp/status-webhook.js';
import type { Logger } from '../../runtime/logger.js';
import type { Clock } from '../../shared/clock.js';
import { forbidden, notFound, unauthenticated } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { ProviderNotificationSchema } from '../notifications/provider-notification.entity.js';
import type { StoreService } from '../stores/store.service.js';
import type { MessageTargets, WhatsAppHookSecrets } from './message-targets.js';
import type { ActivityLog } from '../activity/activity-log.js';

export const PROCESS_WHATSAPP_STATUSES = 'whatsapp.statuses';

export interface InboundWhatsAppHook {
  storeId: string;
  /** The bytes as received: the signature covers them, not their JSON. */
  rawBody: string;
  body: unknown;
  signature: string | undefined;
}

/**
 * The front door for WhatsApp webhooks: the verification handshake, and status updates that
 * are verified, stored with their processing job and only then acknowledged (API.md §4).
 * Secrets are decrypted once per few seconds per store, as Meta sends several callbacks per
 * message.
 */
export class WhatsAppInbox {
  private readonly secrets: TtlCache<WhatsAppHookSecrets | null>;

  constructor(
    private readonly orm: Orm,
    private readonly jobs: JobQueue,
    private readonly stores: StoreService,
    private readonly targets: MessageTargets,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly activity: ActivityLog,
  ) {
    this.secrets = new TtlCache(5_000, () => clock.now().getTime());
  }

  async handshake(storeId: string, query: Record<string, unknown>): Promise<string> {
    const challenge = answerHandshake(query, (await this.secretsOf(storeId)).verifyTokens);
    if (challenge === null)
      throw forbidden('verify_token_invalid', 'hub.mode must be subscribe and hub.verify_token this store’s WhatsApp verify token.');
    return challenge;
  }

  /** Returns the stored notification's id. */
  async receive(hook: InboundWhatsAppHook): Promise<string> {
    const { appSecrets } = await this.secretsOf(hook.storeId);
    if (!verifyHubSignature(hook.rawBody, hook.signature, appSecrets)) {
      const reason = hook.signature ? 'invalid' : 'missing';
      this.logger.warn({ store_id: hook.storeId, reason }, 'whatsapp webhook refused');
      throw unauthenticated(
        `signature_${reason}`,
        hook.signature
          ? 'The X-Hub-Signature-256 does not match this store’s WhatsApp app secret.'
          : 'WhatsApp webhooks must carry X-Hub-Signature-256.',
      );
    }
    const statuses = parseStatusWebhook(hook.body);
    const now = this.clock.now();
    const id = newId('ntf');
    const em = this.orm.em.fork();
    await em.transactional(async (tx) => {
      tx.create(ProviderNotificationSchema, {
        id,
        store: hook.storeId,
        provider: 'whatsapp',
        format: 'webhook',
        topic: 'messages',
        action: statuses.length ? 'statuses' : null,
        resourceId: statuses[0]?.wamid.slice(0, 255) ?? null,
        providerRequestId: null,
        signature: 'valid',
        query: '',
        body: hook.rawBody,
        // Incoming customer messages and other fields are stored as evidence only.
        status: statuses.length ? 'received' : 'ignored',
        outcome: statuses.length ? null : 'no status updates in it',
        receivedAt: now,
        processedAt: statuses.length ? null : now,
      });
      await tx.flush();
      if (!statuses.length) return;
      // Meta redelivers the same bytes until it gets a 200: one job however often they come.
      const digest = createHash('sha256').update(hook.rawBody).digest('base64url');
      await this.jobs.enqueue(
        tx,
        PROCESS_WHATSAPP_STATUSES,
        { notification_id: id },
        { storeId: hook.storeId, dedupeKey: `wan:${hook.storeId}:${digest}` },
      );
    });
    this.activity.record({
      kind: 'notification',
      at: now,
      storeId: hook.storeId,
      summary: `WhatsApp webhook (signed): ${statuses.length ? statuses.map((s) => `${s.callbackData ?? s.wamid} ${s.status}`).join(', ') : 'no status updates'}`,
      messageId: statuses[0]?.callbackData ?? undefined,
      providerRef: statuses[0]?.wamid,
      outcome: statuses.length ? 'queued' : 'ignored',
      detail: { notification_id: id, statuses: statuses.length },
    });
    return id;
  }

  private async secretsOf(storeId: string): Promise<WhatsAppHookSecrets> {
    const secrets = await this.secrets.get(storeId, async () =>
      (await this.stores.findById(storeId)) ? this.targets.whatsAppHookSecrets(storeId) : null,
    );
    if (!secrets) throw notFound('resource_missing', `No such store: ${storeId}`);
    return secrets;
  }
}
