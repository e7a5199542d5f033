import type { Config } from '../../config/load.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import { verdict, type Check } from './doctor-check.js';
import type { StoreInUse } from './stores-in-use.js';

/**
 * What each store needs for the way it is used. A store is held to live standards only once it
 * has a live key: until then its live mode is unused, and test mode runs on the sandbox.
 */
export function checkCredentials(config: Config, stores: StoreInUse[]): Check {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const { store, live, credentials } of stores) {
    const name = `store ${store.slug}`;
    const fix = (mode: KeyMode, flags: string) => `baas stores update ${store.slug}${mode === 'live' ? ' --live' : ''} ${flags}`;
    for (const mode of ['test', 'live'] as const) {
      const has = credentials[mode];
      if (has.has('whatsapp.phone_number_id') !== has.has('whatsapp.access_token')) {
        problems.push(
          `${name} (${mode}) has half its WhatsApp credentials. Fix: ${fix(mode, '--whatsapp-phone-number-id … --whatsapp-token …')}`,
        );
      }
    }
    if (!config.sandbox && !credentials.test.has('mercadopago.access_token')) {
      warnings.push(
        `${name}: test payments answer 409 (no test Mercado Pago token, sandbox off). Fix: ${fix('test', '--mercadopago-token TEST-…')}`,
      );
    }
    if (!live) continue;
    const has = credentials.live;
    const token = has.get('mercadopago.access_token');
    if (!token) problems.push(`${name} has live keys but no live Mercado Pago token. Fix: ${fix('live', '--mercadopago-token APP_USR-…')}`);
    else if (token.startsWith('TEST-'))
      problems.push(`${name}: its live Mercado Pago token is a TEST- one. Fix: ${fix('live', '--mercadopago-token APP_USR-…')}`);
    if (!has.has('mercadopago.webhook_secret')) {
      warnings.push(`${name}: live notifications are not signature-checked. Fix: ${fix('live', '--mercadopago-webhook-secret …')}`);
    }
    if (store.notifyEmail && !has.has('smtp.url') && !config.smtpUrl) {
      problems.push(
        `${name} e-mails customers but live mode has no SMTP (nor BAAS_SMTP_URL). Fix: ${fix('live', '--smtp-url smtps://user:pass@host:465')}`,
      );
    }
    if (store.notifyWhatsapp && !has.has('whatsapp.access_token')) {
      problems.push(
        `${name} sends WhatsApp but live mode has no WhatsApp credentials. Fix: ${fix('live', '--whatsapp-phone-number-id … --whatsapp-token …')}`,
      );
    }
  }
  const live = stores.filter((s) => s.live).length;
  return verdict('provider credentials', problems, warnings, `${stores.length} active store(s), ${live} live: nothing missing`);
}

/**
 * Mercado Pago only notifies https URLs on the internet (reference §8); test mode does without
 * (the sandbox calls back over loopback, reconciliation covers the rest).
 */
export function checkPublicUrl(config: Config, stores: StoreInUse[]): Check {
  const url = new URL(config.publicUrl);
  const local = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|\[f[cd])/i.test(url.hostname);
  const live = stores.filter((s) => s.live).map((s) => s.store.slug);
  const fine = url.protocol === 'https:' && !local;
  if (fine) return { name: 'public url', ok: true, detail: config.publicUrl };
  const why = url.protocol !== 'https:' ? 'is not https' : 'is not reachable from the internet';
  const fix = 'Fix: set public_url (BAAS_PUBLIC_URL) to the https:// address of your TLS reverse proxy (docs/install.md)';
  return live.length
    ? {
        name: 'public url',
        ok: false,
        detail: `${config.publicUrl} ${why}, and ${live.join(', ')} take live payments: Mercado Pago will not notify it. ${fix}`,
      }
    : {
        name: 'public url',
        ok: true,
        warning: true,
        detail: `${config.publicUrl} ${why}: fine for test mode, required before going live. ${fix}`,
      };
}
