/**
 * The provider credentials a store can hold, per mode (test/live). Every value is encrypted at
 * rest; `secret` ones are never shown in full anywhere after they are set.
 */
export const CREDENTIALS = {
  'mercadopago.access_token': { secret: true, flag: 'mercadopago-token', describe: 'Mercado Pago access token (APP_USR-… or TEST-…)' },
  'mercadopago.public_key': { secret: false, flag: 'mercadopago-public-key', describe: 'Mercado Pago public key, for Bricks' },
  'mercadopago.webhook_secret': { secret: true, flag: 'mercadopago-webhook-secret', describe: 'Mercado Pago webhook signing secret' },
  'whatsapp.phone_number_id': { secret: false, flag: 'whatsapp-phone-number-id', describe: 'WhatsApp Cloud API phone number id' },
  'whatsapp.access_token': { secret: true, flag: 'whatsapp-token', describe: 'WhatsApp Cloud API access token' },
  'whatsapp.app_secret': { secret: true, flag: 'whatsapp-app-secret', describe: 'Meta app secret (verifies X-Hub-Signature-256)' },
  'whatsapp.verify_token': { secret: true, flag: 'whatsapp-verify-token', describe: 'token for the WhatsApp webhook handshake' },
  'whatsapp.template_languages': {
    secret: false,
    flag: 'whatsapp-template-languages',
    describe: 'JSON map of our locales to approved template languages, e.g. {"pt-BR":"pt_BR"}',
  },
  'smtp.url': { secret: true, flag: 'smtp-url', describe: "the store's own SMTP URL (smtps://user:pass@host:465)" },
  'smtp.from': { secret: false, flag: 'smtp-from', describe: "the store's From address" },
} as const;

export type CredentialName = keyof typeof CREDENTIALS;
export const CREDENTIAL_NAMES = Object.keys(CREDENTIALS) as CredentialName[];

/**
 * How a credential is shown: secrets as their head and last four characters
 * (`APP_USR-…a1b2`), other values in full.
 */
export function maskCredential(name: CredentialName, value: string): string {
  if (!CREDENTIALS[name].secret) return value;
  if (name === 'smtp.url') return value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  if (value.length <= 8) return '…';
  const head = /^(APP_USR-|TEST-|EAA)/.exec(value)?.[0] ?? '';
  return `${head}…${value.slice(-4)}`;
}
