import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used, not when the server starts: juice (with
 * cheerio) and nodemailer cost ~40 MB of memory that an instance which never renders or sends
 * an e-mail does not need to pay.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
