import type { KeyMode } from '../modules/keys/api-key.entity.js';
import { CREDENTIAL_NAMES, CREDENTIALS } from '../modules/stores/credentials.js';
import type { Store } from '../modules/stores/store.entity.js';
import { renderTable } from './table.js';

type MaskedCredentials = Record<KeyMode, Record<string, string>>;

export interface StoreJson {
  id: string;
  object: 'store';
  name: string;
  slug: string;
  currency: string;
  locale: string;
  timezone: string;
  contact_email: string | null;
  status: string;
  notify: { email: boolean; whatsapp: boolean };
  /** Masked values per mode; present when the command read them (show, create, update). */
  credentials?: MaskedCredentials;
  created_at: string;
  updated_at: string;
}

/** ISO 8601 UTC, or null: the contract's timestamp form. */
export const isoDate = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** A timestamp for a table cell: ISO without milliseconds, or an em dash. */
export const cellDate = (date: Date | null | undefined): string => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '—');

export function storeJson(store: Store, credentials?: MaskedCredentials): StoreJson {
  return {
    id: store.id,
    object: 'store',
    name: store.name,
    slug: store.slug,
    currency: store.currency,
    locale: store.locale,
    timezone: store.timezone,
    contact_email: store.contactEmail ?? null,
    status: store.status,
    notify: { email: store.notifyEmail, whatsapp: store.notifyWhatsapp },
    ...(credentials ? { credentials: { test: { ...credentials.test }, live: { ...credentials.live } } } : {}),
    created_at: store.createdAt.toISOString(),
    updated_at: store.updatedAt.toISOString(),
  };
}

export function storesTable(stores: Store[]): string {
  return renderTable(
    ['id', 'slug', 'name', 'currency', 'locale', 'status', 'created'],
    stores.map((s) => [s.id, s.slug, s.name, s.currency, s.locale, s.status, cellDate(s.createdAt)]),
  );
}

/** The store's fields, then one row per known credential with its masked value in each mode. */
export function storeDetails(store: Store, credentials: MaskedCredentials): string {
  const yesNo = (on: boolean) => (on ? 'on' : 'off');
  const fields: [string, string][] = [
    ['id', store.id],
    ['slug', store.slug],
    ['status', store.status],
    ['currency', store.currency],
    ['locale', store.locale],
    ['timezone', store.timezone],
    ['contact email', store.contactEmail ?? '—'],
    ['notify', `email ${yesNo(store.notifyEmail)}, whatsapp ${yesNo(store.notifyWhatsapp)}`],
    ['created', cellDate(store.createdAt)],
    ['updated', cellDate(store.updatedAt)],
  ];
  const width = Math.max(...fields.map(([label]) => label.length));
  const known = new Set<string>(CREDENTIAL_NAMES);
  // Any stored name the table does not know (an older or newer version wrote it) is still shown.
  const extra = [...new Set([...Object.keys(credentials.test), ...Object.keys(credentials.live)])].filter((n) => !known.has(n));
  const rows = [...CREDENTIAL_NAMES, ...extra].map((name) => [
    name,
    name in CREDENTIALS ? `--${CREDENTIALS[name as keyof typeof CREDENTIALS].flag}` : '',
    credentials.test[name] ?? '—',
    credentials.live[name] ?? '—',
  ]);
  return [
    `${store.name}`,
    ...fields.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    'Provider credentials (secrets masked):',
    renderTable(['credential', 'flag', 'test', 'live'], rows),
  ].join('\n');
}
