import { join } from 'node:path';
import type { Config } from '../../config/load.js';
import { EmailChannel } from '../../providers/smtp/email-channel.js';
import { KEY_MODES, type KeyMode } from '../keys/api-key.entity.js';
import { maskCredential } from '../stores/credentials.js';
import type { StoreService } from '../stores/store.service.js';
import type { Check } from './doctor-check.js';
import type { StoreInUse } from './stores-in-use.js';

/** A provider that has not answered in this long is down, as far as an operator's check goes. */
const NETWORK_TIMEOUT_MS = 10_000;

/** Logs in (without sending) once to each SMTP server in use: the instance's and every store's own. */
export async function checkSmtpLogins(config: Config, stores: StoreInUse[], service: StoreService): Promise<Check[]> {
  const users = new Map<string, string[]>();
  const use = (url: string, who: string) => users.set(url, [...(users.get(url) ?? []), who]);
  if (config.smtpUrl) use(config.smtpUrl, 'BAAS_SMTP_URL');
  for (const { store, mode } of withCredential(stores, 'smtp.url')) {
    use((await service.credentials(store.store.id, mode))['smtp.url']!, `store ${store.store.slug} (${mode})`);
  }
  if (users.size === 0)
    return [{ name: 'smtp login', ok: true, detail: 'no SMTP server configured: test mail goes to the sandbox mailbox' }];
  const timeouts = {
    connectionMs: NETWORK_TIMEOUT_MS,
    greetingMs: NETWORK_TIMEOUT_MS,
    socketMs: NETWORK_TIMEOUT_MS,
    dnsMs: NETWORK_TIMEOUT_MS,
  };
  const channel = new EmailChannel({ mailDir: join(config.dataDir, 'mail'), timeouts });
  try {
    const checks: Check[] = [];
    for (const [url, who] of users) {
      const verified = await channel.verify(url);
      const where = `${maskCredential('smtp.url', url)} (${who.join(', ')})`;
      checks.push(
        verified.ok
          ? { name: 'smtp login', ok: true, detail: `${where}: login ok` }
          : { name: 'smtp login', ok: false, detail: `${where}: ${verified.error.message}` },
      );
    }
    return checks;
  } finally {
    await channel.close();
  }
}

/** Asks the Graph API for each configured phone number with its token: Meta answers 401 (code 190) for a bad or expired one. */
export async function checkWhatsAppTokens(config: Config, stores: StoreInUse[], service: StoreService): Promise<Check[]> {
  const checks: Check[] = [];
  for (const { store, mode } of withCredential(stores, 'whatsapp.access_token')) {
    const credentials = await service.credentials(store.store.id, mode);
    const phoneNumberId = credentials['whatsapp.phone_number_id'];
    if (!phoneNumberId) continue; // half-configured: the credentials check says so
    const probe = await probePhoneNumber(config.whatsappApiUrl, phoneNumberId, credentials['whatsapp.access_token']!);
    const fix = `Fix: baas stores update ${store.store.slug}${mode === 'live' ? ' --live' : ''} --whatsapp-token …`;
    checks.push({
      name: 'whatsapp token',
      ...probe,
      detail: `store ${store.store.slug} (${mode}), phone number ${phoneNumberId}: ${probe.detail}${probe.ok ? '' : `. ${fix}`}`,
    });
  }
  return checks.length ? checks : [{ name: 'whatsapp token', ok: true, detail: 'no store has WhatsApp credentials of its own' }];
}

/** The parts of a phone number's answer (or of Meta's error) the check reads. */
interface GraphAnswer {
  display_phone_number?: string;
  error?: { code?: number; message?: string };
}

async function probePhoneNumber(apiUrl: string, phoneNumberId: string, token: string): Promise<Omit<Check, 'name'>> {
  const base = apiUrl.replace(/\/+$/, '');
  let response: Response;
  let body: GraphAnswer | null;
  try {
    response = await fetch(`${base}/${encodeURIComponent(phoneNumberId)}?fields=id,display_phone_number`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS),
      redirect: 'manual',
    });
    body = (await response.json().catch(() => null)) as GraphAnswer | null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return { ok: false, detail: `cannot reach ${base} (${cause})` };
  }
  const graph = body?.error;
  if (response.ok) return { ok: true, detail: `token valid${body?.display_phone_number ? ` for ${body.display_phone_number}` : ''}` };
  if (response.status === 401 || graph?.code === 190) return { ok: false, detail: `token rejected (${graph?.message ?? 'HTTP 401'})` };
  // Meta's code for a path it does not serve; the built-in simulator only serves sending.
  if (response.status === 404 || graph?.code === 2500) {
    return { ok: true, warning: true, detail: `not checked: ${base} does not answer GET /{phone-number-id} (HTTP ${response.status})` };
  }
  return { ok: false, detail: `${base} answered HTTP ${response.status}${graph?.message ? `: ${graph.message}` : ''}` };
}

function withCredential(stores: StoreInUse[], name: 'smtp.url' | 'whatsapp.access_token'): { store: StoreInUse; mode: KeyMode }[] {
  return stores.flatMap((store) => KEY_MODES.filter((mode) => store.credentials[mode].has(name)).map((mode) => ({ store, mode })));
}
