import type { Clock } from '../../shared/clock.js';
import { KEY_MODES } from '../keys/api-key.entity.js';
import type { StoreService } from '../stores/store.service.js';

interface Entry {
  until: number;
  /** null: no such store. */
  value: { storeId: string; secrets: string[] } | null;
}

/**
 * The Mercado Pago webhook secrets of each store (test and live panels have their own),
 * decrypted once and kept for a few seconds: a storm of notifications must not decrypt per
 * request. A secret changed with the CLI (another process) applies within `ttlMs`.
 */
export class HookSecrets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly stores: StoreService,
    private readonly clock: Clock,
    private readonly ttlMs = 5_000,
  ) {}

  async get(storeId: string): Promise<Entry['value']> {
    const now = this.clock.now().getTime();
    const cached = this.entries.get(storeId);
    if (cached && cached.until > now) return cached.value;
    const value = await this.load(storeId);
    if (this.entries.size > 10_000) this.entries.clear(); // ids probed by strangers must not grow it forever
    this.entries.set(storeId, { until: now + this.ttlMs, value });
    return value;
  }

  private async load(storeId: string): Promise<Entry['value']> {
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
