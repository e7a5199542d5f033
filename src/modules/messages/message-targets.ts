import { createHmac } from 'node:crypto';
import type { Config } from '../../config/load.js';
import { invalidState } from '../../shared/errors.js';
import { KEY_MODES, type KeyMode } from '../keys/api-key.entity.js';
import type { StoreService } from '../stores/store.service.js';
import type { ChannelName } from './channel.js';

export interface EmailTarget {
  /** null: the sandbox mailbox (<data dir>/mail). */
  smtpUrl: string | null;
  from: string;
}

export interface WhatsAppTarget {
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  /** The store's map of our locales to its approved templates' language codes, if it set one. */
  languageCodes: Record<string, string>;
}

/** What verifies a store's WhatsApp webhooks: every mode's secrets, since the hook URL names only the store. */
export interface WhatsAppHookSecrets {
  appSecrets: string[];
  verifyTokens: string[];
}

/** Sandbox phone number ids name their store, so the built-in simulator knows where to send status webhooks. */
const SANDBOX_PHONE_PREFIX = 'sbx-';

/**
 * Where a store's messages go in each mode (API.md §7): its own credentials when it has them;
 * otherwise, in test mode with the sandbox on, the sandbox mailbox and the built-in WhatsApp
 * simulator; otherwise 409 provider_not_configured. The instance's BAAS_SMTP_URL serves
 * every store that has no SMTP of its own.
 */
export class MessageTargets {
  private whatsAppSandboxUrl: string | null = null;

  constructor(
    private readonly config: Config,
    private readonly stores: StoreService,
    private readonly masterKey: Buffer,
  ) {}

  /** Set by the server once it listens: where its WhatsApp simulator answers (version included). */
  useWhatsAppSandboxAt(apiUrl: string): void {
    this.whatsAppSandboxUrl = apiUrl;
  }

  /** Throws provider_not_configured when the store cannot send on this channel in this mode. */
  async check(storeId: string, mode: KeyMode, channel: ChannelName): Promise<void> {
    if (channel === 'email') await this.email(storeId, mode);
    else await this.whatsApp(storeId, mode);
  }

  async email(storeId: string, mode: KeyMode): Promise<EmailTarget> {
    const credentials = await this.stores.credentials(storeId, mode);
    const smtpUrl = credentials['smtp.url'] ?? this.config.smtpUrl ?? null;
    if (!smtpUrl && !this.sandboxed(mode)) throw notConfigured(storeId, mode, 'SMTP', '--smtp-url smtps://user:pass@host:465');
    return { smtpUrl, from: credentials['smtp.from'] ?? this.config.smtpFrom };
  }

  async whatsApp(storeId: string, mode: KeyMode): Promise<WhatsAppTarget> {
    const credentials = await this.stores.credentials(storeId, mode);
    const languageCodes = parseLanguageCodes(credentials['whatsapp.template_languages']);
    const phoneNumberId = credentials['whatsapp.phone_number_id'];
    const accessToken = credentials['whatsapp.access_token'];
    if (phoneNumberId && accessToken) return { apiUrl: this.config.whatsappApiUrl, phoneNumberId, accessToken, languageCodes };
    if (this.sandboxed(mode) && this.whatsAppSandboxUrl) {
      return {
        apiUrl: this.whatsAppSandboxUrl,
        phoneNumberId: `${SANDBOX_PHONE_PREFIX}${storeId}`,
        accessToken: this.sandboxSecret(storeId, 'token'),
        languageCodes,
      };
    }
    throw notConfigured(storeId, mode, 'WhatsApp', '--whatsapp-phone-number-id … --whatsapp-token …');
  }

  async whatsAppHookSecrets(storeId: string): Promise<WhatsAppHookSecrets> {
    const secrets: WhatsAppHookSecrets = { appSecrets: [], verifyTokens: [] };
    for (const mode of KEY_MODES) {
      const credentials = await this.stores.credentials(storeId, mode);
      if (credentials['whatsapp.app_secret']) secrets.appSecrets.push(credentials['whatsapp.app_secret']);
      if (credentials['whatsapp.verify_token']) secrets.verifyTokens.push(credentials['whatsapp.verify_token']);
    }
    if (this.config.sandbox) {
      secrets.appSecrets.push(this.sandboxSecret(storeId, 'app-secret'));
      secrets.verifyTokens.push(this.sandboxSecret(storeId, 'verify-token'));
    }
    return secrets;
  }

  /**
   * What the built-in simulator needs to act as Meta for a sandbox phone number: the token it
   * accepts and the secret it signs status webhooks with. Null for any other phone number id.
   */
  sandboxPhoneNumber(phoneNumberId: string): { storeId: string; accessToken: string; appSecret: string } | null {
    if (!phoneNumberId.startsWith(SANDBOX_PHONE_PREFIX)) return null;
    const storeId = phoneNumberId.slice(SANDBOX_PHONE_PREFIX.length);
    return { storeId, accessToken: this.sandboxSecret(storeId, 'token'), appSecret: this.sandboxSecret(storeId, 'app-secret') };
  }

  private sandboxed(mode: KeyMode): boolean {
    return mode === 'test' && this.config.sandbox;
  }

  /** Derived from the master key: stable across restarts, different per store, never stored. */
  private sandboxSecret(storeId: string, purpose: string): string {
    return createHmac('sha256', this.masterKey).update(`whatsapp-sandbox:${purpose}:${storeId}`).digest('hex');
  }
}

/** Validated as a JSON object of strings when it was set (store-input.ts). */
function parseLanguageCodes(raw: string | undefined): Record<string, string> {
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

function notConfigured(storeId: string, mode: KeyMode, what: string, flags: string) {
  return invalidState(
    'provider_not_configured',
    `This store has no ${what} configured for ${mode} mode. Set it with: baas stores update ${storeId}${mode === 'live' ? ' --live' : ''} ${flags}`,
  );
}
