import type { Config } from '../../config/load.js';
import { invalidState } from '../../shared/errors.js';
import { TtlCache } from '../../shared/ttl-cache.js';
import { createMercadoPagoProvider } from '../../providers/mercadopago/mercadopago-provider.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import type { StoreService } from '../stores/store.service.js';
import type { PaymentProvider } from './payment-provider.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { observedProvider } from './observed-provider.js';

const TARGET_TTL_MS = 5_000;

export interface ProviderTarget {
  provider: PaymentProvider;
  /** Where the provider should send its notifications for this store; null when it cannot reach us. */
  notificationUrl: string | null;
}

/**
 * Which Mercado Pago a store's mode talks to (API.md §7): its own credentials when it has
 * them (always BAAS_MERCADOPAGO_API_URL, never the simulator); otherwise, in test mode with
 * the sandbox on, the built-in simulator; otherwise 409 provider_not_configured.
 */
export class ProviderRegistry {
  private sandbox: { apiUrl: string; serverUrl: string } | null = null;
  private readonly targets = new TtlCache<ProviderTarget>(TARGET_TTL_MS, Date.now);

  constructor(
    private readonly config: Config,
    private readonly stores: StoreService,
    private readonly activity: ActivityLog,
  ) {}

  /** Set by the server once it listens: where the built-in simulator answers, and where we do. */
  useSandboxAt(apiUrl: string, serverUrl: string): void {
    this.sandbox = { apiUrl, serverUrl };
    this.targets.clear();
  }

  async forStore(storeId: string, mode: KeyMode): Promise<PaymentProvider> {
    return (await this.target(storeId, mode)).provider;
  }

  /**
   * Kept for a few seconds per store and mode: notification processing and reconciliation ask
   * for it per payment, and each answer costs a query and a decryption. A credential changed
   * with the CLI applies within TARGET_TTL_MS.
   */
  async target(storeId: string, mode: KeyMode): Promise<ProviderTarget> {
    return this.targets.get(`${storeId}:${mode}`, () => this.resolve(storeId, mode));
  }

  private async resolve(storeId: string, mode: KeyMode): Promise<ProviderTarget> {
    const credentials = await this.stores.credentials(storeId, mode);
    const token = credentials['mercadopago.access_token'];
    if (token) {
      return {
        provider: this.observed({ accessToken: token, baseUrl: this.config.mercadopagoApiUrl }),
        notificationUrl: publicNotificationUrl(this.config.publicUrl, storeId),
      };
    }
    if (mode === 'test' && this.config.sandbox && this.sandbox) {
      return {
        provider: this.observed({ accessToken: `TEST-sandbox-${storeId}`, baseUrl: this.sandbox.apiUrl }),
        // The simulator runs in this process and calls us back over loopback.
        notificationUrl: hookUrl(this.sandbox.serverUrl, storeId),
      };
    }
    throw invalidState(
      'provider_not_configured',
      `This store has no Mercado Pago credentials for ${mode} mode. Set them with: baas stores update ${storeId}${mode === 'live' ? ' --live' : ''} --mercadopago-token …`,
    );
  }

  private observed(settings: { accessToken: string; baseUrl: string }): PaymentProvider {
    return observedProvider(
      createMercadoPagoProvider({ ...settings, timeoutMs: this.config.mercadopagoTimeoutMs }),
      this.activity,
      'mercadopago',
    );
  }
}

/**
 * `source_news=webhooks` asks MP for the signed Webhooks format only (no IPN duplicates).
 * MP refuses plain-http and localhost notification URLs (error 4020, reference §8), so an
 * install without a public https URL sends none and relies on reconciliation instead.
 */
function publicNotificationUrl(publicUrl: string, storeId: string): string | null {
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:' || url.hostname === 'localhost') return null;
  return hookUrl(publicUrl, storeId);
}

function hookUrl(base: string, storeId: string): string {
  return `${base.replace(/\/+$/, '')}/hooks/mercadopago/${encodeURIComponent(storeId)}?source_news=webhooks`;
}
