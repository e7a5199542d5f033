import type { InferEntity } from '@mikro-orm/core';
import { defineEntity } from '../../db/mikro-orm.js';

export const STORE_STATUSES = ['active', 'disabled'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const StoreSchema = defineEntity({
  name: 'Store',
  tableName: 'stores',
  properties: (p) => ({
    id: p.string().primary(),
    name: p.string(),
    slug: p.string().unique(),
    currency: p.string().length(3),
    locale: p.string().length(16),
    timezone: p.string().length(64),
    contactEmail: p.string().nullable(),
    status: p.enum([...STORE_STATUSES]).default('active'),
    /** Defaults for an order's `notify` when the storefront does not say. */
    notifyEmail: p.boolean().default(true),
    notifyWhatsapp: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});

export type Store = InferEntity<typeof StoreSchema>;
