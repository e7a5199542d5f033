import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Init } from './Migration0001Init.js';
import { Migration0002Jobs } from './Migration0002Jobs.js';
import { Migration0003Credentials } from './Migration0003Credentials.js';
import { Migration0004Orders } from './Migration0004Orders.js';
import { Migration0005Webhooks } from './Migration0005Webhooks.js';
import { Migration0006Payments } from './Migration0006Payments.js';
import { Migration0007Refunds } from './Migration0007Refunds.js';
import { Migration0008Notifications } from './Migration0008Notifications.js';
import { Migration0009QueuedKey } from './Migration0009QueuedKey.js';
import { Migration0010Messages } from './Migration0010Messages.js';
import { Migration0011Activity } from './Migration0011Activity.js';
import { Migration0012Usage } from './Migration0012Usage.js';
import { Migration0013CronTicks } from './Migration0013CronTicks.js';

/**
 * Migrations are listed, not globbed, so the same list runs from src/ (tests, bin/dev.js)
 * and from dist/ (the installed package). Append only; never edit one that has shipped.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration0001Init', class: Migration0001Init },
  { name: 'Migration0002Jobs', class: Migration0002Jobs },
  { name: 'Migration0003Credentials', class: Migration0003Credentials },
  { name: 'Migration0004Orders', class: Migration0004Orders },
  { name: 'Migration0005Webhooks', class: Migration0005Webhooks },
  { name: 'Migration0006Payments', class: Migration0006Payments },
  { name: 'Migration0007Refunds', class: Migration0007Refunds },
  { name: 'Migration0008Notifications', class: Migration0008Notifications },
  { name: 'Migration0009QueuedKey', class: Migration0009QueuedKey },
  { name: 'Migration0010Messages', class: Migration0010Messages },
  { name: 'Migration0011Activity', class: Migration0011Activity },
  { name: 'Migration0012Usage', class: Migration0012Usage },
  { name: 'Migration0013CronTicks', class: Migration0013CronTicks },
];
