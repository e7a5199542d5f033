import { z } from 'zod';
import { CURRENCIES, isCurrency } from '../../shared/currency.js';
import { CREDENTIAL_NAMES, type CredentialName } from './credentials.js';

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address');

/** The store fields an operator sets; the same rules for the CLI and any future API. */
export const StoreFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  currency: z
    .string()
    .transform((v) => v.toUpperCase())
    .refine(isCurrency, `must be one of ${CURRENCIES.join(', ')}`),
  locale: z.string().regex(/^(es|pt|en)(-[A-Z]{2})?$/, 'must be es, pt-BR, en or a regional variant such as es-AR'),
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/Sao_Paulo'),
  contactEmail: email.nullable(),
  notifyEmail: z.boolean(),
  notifyWhatsapp: z.boolean(),
});

export type StoreFieldsInput = z.input<typeof StoreFields>;

const smtpUrl = z.string().refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), 'must be an smtp:// or smtps:// URL');
const token = z.string().regex(/^\S{8,}$/, 'must be at least 8 characters without spaces');
const languageMap = z.string().refine((v) => {
  try {
    const parsed: unknown = JSON.parse(v);
    return (
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((x) => typeof x === 'string')
    );
  } catch {
    return false;
  }
}, 'must be a JSON object of strings, e.g. {"pt-BR":"pt_BR","es":"es_AR"}');

const CREDENTIAL_RULES: Record<CredentialName, z.ZodType<string>> = {
  'mercadopago.access_token': token,
  'mercadopago.public_key': token,
  'mercadopago.webhook_secret': token,
  'whatsapp.phone_number_id': z.string().regex(/^\d{5,20}$/, 'must be the numeric phone number id'),
  'whatsapp.access_token': token,
  'whatsapp.app_secret': token,
  'whatsapp.verify_token': token,
  'whatsapp.template_languages': languageMap,
  'smtp.url': smtpUrl,
  'smtp.from': email.or(z.string().regex(/^.+<[^\s@]+@[^\s@]+\.[^\s@]+>$/, 'must be an e-mail address')),
};

/** A value to set, or null to remove the credential. */
export type CredentialChanges = Partial<Record<CredentialName, string | null>>;

export const CredentialChangesSchema = z
  .object(Object.fromEntries(CREDENTIAL_NAMES.map((name) => [name, CREDENTIAL_RULES[name].nullable().optional()])))
  .strict() as unknown as z.ZodType<CredentialChanges>;
