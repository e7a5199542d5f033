import type { MigrationObject } from '@mikro-orm/core';

/**
 * Migrations are listed, not globbed, so the same list runs from src/ (tests, bin/dev.js)
 * and from dist/ (the installed package). Append only; never edit one that has shipped. Each
 * name is a file here exporting a class of that name.
 */
export const MIGRATION_NAMES: readonly string[] = [
  'Migration0001Init',
  'Migration0002Jobs',
  'Migration0003Credentials',
  'Migration0004Orders',
  'Migration0005Webhooks',
  'Migration0006Payments',
  'Migration0007Refunds',
  'Migration0008Notifications',
  'Migration0009QueuedKey',
  'Migration0010Messages',
  'Migration0011Activity',
  'Migration0012Usage',
  'Migration0013CronTicks',
  'Migration0014NotificationLookup',
  'Migration0015NotificationResourceIndex',
  'Migration0016ActivityMessageIndex',
  'Migration0017ListIndexes',
  'Migration0018CheckoutExpiry',
  'Migration0019ActivityStoreTime',
  'Migration0020ReconcileAfter',
];

/**
 * The migration classes, imported only by what migrates: they bring in MikroORM's migrator and
 * umzug (~0.2 s), which every other command would otherwise load for nothing.
 */
export async function loadMigrations(): Promise<MigrationObject[]> {
  return Promise.all(
    MIGRATION_NAMES.map(async (name) => {
      const module = (await import(`./${name}.js`)) as Record<string, MigrationObject['class']>;
      return { name, class: module[name]! };
    }),
  );
}
