import type { List } from './types.js';

export interface PageParams {
  limit?: number;
  starting_after?: string;
}

/**
 * Every item of a list, newest first, fetching the next page (`starting_after` the last id)
 * only when the loop gets there. Breaking out of the loop stops the fetching.
 */
export async function* paginate<Item extends { id: string }, Params extends PageParams>(
  fetchPage: (params: Params) => Promise<List<Item>>,
  params: Params,
): AsyncGenerator<Item, void, undefined> {
  let cursor = params.starting_after;
  for (;;) {
    const page = await fetchPage({ ...params, starting_after: cursor });
    yield* page.data;
    const last = page.data.at(-1);
    if (!page.has_more || !last) return;
    cursor = last.id;
  }
}
