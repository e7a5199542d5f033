import type { EntityManager } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { isCurrency, CURRENCIES } from '../../shared/currency.js';
import { invalidRequest } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { issueKey, type IssuedKey } from '../keys/key.service.js';
import { StoreSchema, type Store } from './store.entity.js';

export interface CreateStoreInput {
  name: string;
  currency: string;
  locale: string;
  timezone?: string;
  contactEmail?: string;
}

export interface CreatedStore {
  store: Store;
  /** The store's first test-mode secret key. */
  testKey: IssuedKey;
}

export const DEMO_STORE_SLUG = 'demo-store';

export class StoreService {
  constructor(private readonly orm: Orm) {}

  /** A store and its first test secret key, committed together or not at all. */
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
      return this.createIn(em, { name: 'Demo Store', currency: 'BRL', locale: 'pt-BR', timezone: 'America/Sao_Paulo' }, DEMO_STORE_SLUG);
    });
  }

  async count(): Promise<number> {
    return this.orm.em.fork().count(StoreSchema, {});
  }

  private async createIn(em: EntityManager, input: CreateStoreInput, slug: string): Promise<CreatedStore> {
    const currency = input.currency.toUpperCase();
    if (!isCurrency(currency)) {
      throw invalidRequest('currency_unsupported', `currency must be one of ${CURRENCIES.join(', ')}`, 'currency');
    }
    const store = em.create(StoreSchema, {
      id: newId('sto'),
      name: input.name,
      slug: await uniqueSlug(em, slug),
      currency,
      locale: input.locale,
      timezone: input.timezone ?? 'UTC',
      contactEmail: input.contactEmail ?? null,
    });
    const testKey = issueKey(em, store, 'test', 'secret');
    await em.flush();
    return { store, testKey };
  }
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

async function uniqueSlug(em: EntityManager, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if ((await em.count(StoreSchema, { slug: candidate })) === 0) return candidate;
  }
}
