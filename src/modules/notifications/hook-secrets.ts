import type { Clock } from '../../shared/clock.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { KEY_MODES } from '../keys/api-key.entity.js';
import type { StoreService } from '../stores/store.service.js';

/** null: no such store. */
type StoreSecrets = { storeId: string; secrets: string[] } | null;

/**
 * The Mercado Pago webhook secrets of each store (test and live panels have their own),
 * decrypted once and kept for a few seconds: a storm of notifications must not decrypt per
 * request. A secret changed with the CLI (another process) applies within `ttlMs`.
 */
export class HookSecrets {
  private readonly cache: TtlCache<StoreSecrets>;

  constructor(
    private readonly stores: StoreService,
    clock: Clock,
    ttlMs = 5_000,
  ) {
    this.cache = new TtlCache(ttlMs, () => clock.now().getTime());
  }

  get(storeId: string): Promise<StoreSecrets> {
    return this.cache.get(storeId, () => this.load(storeId));
  }

  private async load(storeId: string): Promise<StoreSecrets> {
    const store = await this.stores.findById(storeId);
    if (!store) return null;
    const secrets: string[] = [];
    for (const mode of KEY_MODES) {
      const secret = (await this.stores.credentials(store.id, mode))['mercadopago.webhook_secret'];
      if (secret) secrets.push(secret);
    }
    return { storeId: store.id, secrets };
  }
}
