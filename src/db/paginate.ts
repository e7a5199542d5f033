import { z } from 'zod';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { Db } from './orm.js';

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/**
 * Newest first, cursor after an id. Our ids sort by creation time, so the cursor is simply
 * "ids below this one" — stable under inserts, unlike offsets.
 */
export async function paginate<T extends { id: string }>(
  em: Db,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: { limit: number; starting_after?: string },
): Promise<Page<T>> {
  const cursor = page.starting_after ? { id: { $lt: page.starting_after } } : {};
  const rows = await em.find(entity, { $and: [where, cursor] } as FilterQuery<T>, {
    orderBy: { id: 'desc' } as never,
    limit: page.limit + 1,
  });
  return { data: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

/** The contract's list parameters (?limit=1..100, default 20, &starting_after=<id>), spread into each list's query schema. */
export const pageParams = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('How many to answer, 1–100'),
  starting_after: z.string().min(1).optional().describe('The last id of the previous page: answers the ones created before it'),
};
