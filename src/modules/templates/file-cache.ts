import { readFileSync, statSync } from 'node:fs';
import { invalidState } from '../../shared/errors.js';

/**
 * A file parsed once per version on disk: templates are compiled on first use and again only
 * when the file changes, so an agency can edit a store's override without a restart.
 */
export class FileCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; value: T }>();

  /** `parse` throws on a broken file; the error names the file. */
  constructor(private readonly parse: (text: string, file: string) => T) {}

  get(file: string): T {
    const { mtimeMs } = statSync(file);
    const entry = this.entries.get(file);
    if (entry?.mtimeMs === mtimeMs) return entry.value;
    let value: T;
    try {
      value = this.parse(readFileSync(file, 'utf8'), file);
    } catch (error) {
      throw invalidState('template_invalid', `${file}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
    }
    this.entries.set(file, { mtimeMs, value });
    return value;
  }
}
