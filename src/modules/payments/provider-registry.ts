import type { Config } from '../../config/load.js';
import { invalidState } from '../../shared/errors.js';
import { createMercadoPagoProvider } from '../../providers/mercadopago/mercadopago-provider.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import type { StoreService } from '../stores/store.service.js';
import type { PaymentProvider } from './payment-provider.js';

/**
 * Which Mercado Pago a store's mode talks to (API.md §7): its own credentials when it has
 * them (always BAAS_MERCADOPAGO_API_URL, never the simulator); otherwise, in test mode with
 * the sandbox on, the built-in simulator; otherwise 409 provider_not_configured.
 */
export class ProviderRegistry {
  private sandboxUrl: string | null = null;

  constructor(
    private readonly config: Config,
    private readonly stores: StoreService,
  ) {}

  /** Set by the server once it listens: where the built-in simulator answers. */
  useSandboxAt(url: string): void {
    this.sandboxUrl = url;
  }

  async forStore(storeId: string, mode: KeyMode): Promise<PaymentProvider> {
    const credentials = await this.stores.credentials(storeId, mode);
    const token = credentials['mercadopago.access_token'];
    if (token) return createMercadoPagoProvider({ accessToken: token, baseUrl: this.config.mercadopagoApiUrl });
    if (mode === 'test' && this.config.sandbox && this.sandboxUrl) {
      return createMercadoPagoProvider({ accessToken: `TEST-sandbox-${storeId}`, baseUrl: this.sandboxUrl });
    }
    throw invalidState(
      'provider_not_configured',
      `This store has no Mercado Pago credentials for ${mode} mode. Set them with: baas stores update ${storeId}${mode === 'live' ? ' --live' : ''} --mercadopago-token …`,
    );
  }
}
