import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { invalidRequest } from '../../shared/errors.js';

const STORE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Where a store's template files are: its overrides (<overridesDir>/<storeId>/, laid out like
 * templates/) first, then the shipped ones. Each file falls back on its own, so an override of
 * one locale's HTML keeps the shipped subject and text.
 */
export class TemplateFiles {
  private readonly roots: string[];

  constructor(shippedDir: string, overridesDir: string | undefined, storeId: string | undefined) {
    // The id becomes a path: nothing that could climb out of the overrides dir.
    if (storeId !== undefined && !STORE_ID.test(storeId)) throw invalidRequest('store_invalid', `"${storeId}" is not a store id`, 'store');
    this.roots = overridesDir && storeId ? [join(overridesDir, storeId), shippedDir] : [shippedDir];
  }

  /** The first copy of `relative` (e.g. `email/_layout.html.hbs`), or undefined. */
  find(relative: string): string | undefined {
    return this.roots.map((root) => join(root, relative)).find((file) => existsSync(file));
  }

  /** The file for the first locale of `chain` that has one: `email/order_paid/` + `pt-BR` + `.html.hbs`. */
  findLocalized(prefix: string, chain: string[], suffix: string): { file: string; locale: string } | undefined {
    for (const locale of chain) {
      const file = this.find(`${prefix}${locale}${suffix}`);
      if (file) return { file, locale };
    }
    return undefined;
  }

  /** File names in `relativeDir` across the roots, each once. */
  list(relativeDir: string): string[] {
    const names = this.roots.flatMap((root) => {
      const dir = join(root, relativeDir);
      return existsSync(dir) ? readdirSync(dir) : [];
    });
    return [...new Set(names)].sort();
  }

  /** Tried paths, for an error that says where to put the missing file. */
  describe(relative: string): string {
    return this.roots.map((root) => join(root, relative)).join(' or ');
  }
}
