import type { Db, Orm } from '../../db/orm.js';
import { newId } from '../../shared/ids.js';
import { validate } from '../../shared/validate.js';
import type { KeyMode } from '../keys/api-key.entity.js';
import { issueKey, type IssuedKey } from '../keys/key.service.js';
import { findStore } from './find-store.js';
import { applyCredentialChanges, maskedCredentials, readCredentials } from './store-credentials.js';
import { CredentialChangesSchema, StoreFields, type CredentialChanges, type StoreFieldsInput } from './store-input.js';
import { StoreSchema, type Store, type StoreStatus } from './store.entity.js';

export interface CreateStoreInput extends Partial<StoreFieldsInput> {
  name: string;
  currency: string;
  locale: string;
  /** Credentials for one mode (test unless `credentialsMode` says live). */
  credentials?: CredentialChanges;
  credentialsMode?: KeyMode;
}

export interface UpdateStoreInput extends Partial<StoreFieldsInput> {
  credentials?: CredentialChanges;
  credentialsMode?: KeyMode;
}

export interface CreatedStore {
  store: Store;
  /** The store's first test-mode secret key. */
  testKey: IssuedKey;
}

export interface StoreView {
  store: Store;
  credentials: Record<KeyMode, Record<string, string>>;
}

export const DEMO_STORE_SLUG = 'demo-store';

/** Stores and their encrypted provider credentials; the CLI's `baas stores …` is a face of this. */
export class StoreService {
  constructor(
    private readonly orm: Orm,
    private readonly masterKey: Buffer,
  ) {}

  /** A store, its credentials and its first test secret key, committed together or not at all. */
  async create(input: CreateStoreInput): Promise<CreatedStore> {
    return this.orm.em.fork().transactional((em) => this.createIn(em, input, slugify(input.name)));
  }

  /**
   * On an empty database, creates the "Demo Store" so `npm start` is useful at once. Returns
   * null when any store already exists: a second start never creates a second demo store.
   */
  async provisionDemo(): Promise<CreatedStore | null> {
    return this.orm.em.fork().transactional(async (em) => {
      if ((await em.count(StoreSchema, {})) > 0) return null;
      return this.createIn(
        em,
        // WhatsApp on too: in the sandbox both channels show what a paid order sends the customer.
        {
          name: 'Demo Store',
          currency: 'BRL',
          locale: 'pt-BR',
          timezone: 'America/Sao_Paulo',
          contactEmail: 'demo@example.com',
          notifyWhatsapp: true,
        },
        DEMO_STORE_SLUG,
      );
    });
  }

  async list(): Promise<Store[]> {
    return this.orm.em.fork().find(StoreSchema, {}, { orderBy: { id: 'desc' } });
  }

  /** By id or slug, without credentials: what operator commands need to resolve `--store`. */
  async find(idOrSlug: string): Promise<Store> {
    return findStore(this.orm.em.fork(), idOrSlug);
  }

  /** By id only (URLs that name a store, such as /hooks/*): null when there is none. */
  async findById(id: string): Promise<Store | null> {
    return this.orm.em.fork().findOne(StoreSchema, { id });
  }

  async show(id: string): Promise<StoreView> {
    const em = this.orm.em.fork();
    const store = await findStore(em, id);
    return { store, credentials: await maskedCredentials(em, store.id) };
  }

  async update(id: string, input: UpdateStoreInput): Promise<StoreView> {
    const em = this.orm.em.fork();
    await em.transactional(async (tx) => {
      const store = await findStore(tx, id);
      const fields = validate(StoreFields.partial(), withoutCredentials(input), 'store');
      tx.assign(store, fields);
      await this.applyCredentials(tx, store, input);
    });
    return this.show(id);
  }

  async setStatus(id: string, status: StoreStatus): Promise<Store> {
    const em = this.orm.em.fork();
    const store = await findStore(em, id);
    store.status = status;
    await em.flush();
    return store;
  }

  /** Decrypted credentials of one mode, for the provider adapters. */
  async credentials(storeId: string, mode: KeyMode) {
    return readCredentials(this.orm.em.fork(), this.masterKey, storeId, mode);
  }

  private async applyCredentials(em: Db, store: Store, input: UpdateStoreInput): Promise<void> {
    if (!input.credentials) return;
    const changes = validate(CredentialChangesSchema, input.credentials, 'credentials');
    await applyCredentialChanges(em, this.masterKey, store, input.credentialsMode ?? 'test', changes);
  }

  private async createIn(em: Db, input: CreateStoreInput, slug: string): Promise<CreatedStore> {
    const fields = validate(
      StoreFields,
      { timezone: 'UTC', contactEmail: null, notifyEmail: true, notifyWhatsapp: false, ...withoutCredentials(input) },
      'store',
    );
    const store = em.create(StoreSchema, { id: newId('sto'), slug: await uniqueSlug(em, slug), ...fields });
    await this.applyCredentials(em, store, input);
    const testKey = issueKey(em, store, 'test', 'secret');
    await em.flush();
    return { store, testKey };
  }
}

function withoutCredentials<T extends { credentials?: unknown; credentialsMode?: unknown }>(input: T) {
  const { credentials: _credentials, credentialsMode: _mode, ...fields } = input;
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'store';
}

async function uniqueSlug(em: Db, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if ((await em.count(StoreSchema, { slug: candidate })) === 0) return candidate;
  }
}
