import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SETTINGS, type SettingKey } from '../../config/settings.js';
import { EXIT, SetupError, invalidRequest } from '../../shared/errors.js';

export type InitAnswers = Partial<Record<SettingKey, string>>;

/** Validates one answer with the same rules the loader applies, for prompts and flags alike. */
export function checkAnswer(key: SettingKey, value: string): string | true {
  const parsed = SETTINGS[key].schema.safeParse(value);
  return parsed.success ? true : `${parsed.error.issues[0]?.message ?? 'invalid'} (e.g. ${SETTINGS[key].fix})`;
}

/**
 * Writes the answers as a config file. An existing file is never replaced without `force`,
 * and the file is written whole or not at all (a crash cannot leave half a config).
 */
export function writeConfigFile(file: string, answers: InitAnswers, force: boolean): Record<string, unknown> {
  if (existsSync(file) && !force) {
    throw new SetupError([`${file} already exists. Fix: pass --force to replace it, or --output to write elsewhere`], EXIT.cantCreate);
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers) as [SettingKey, string | undefined][]) {
    if (value === undefined || value === '') continue;
    const verdict = checkAnswer(key, value);
    if (verdict !== true) throw invalidRequest('invalid_setting', `${key}: ${verdict}`, key);
    values[key] = SETTINGS[key].schema.parse(value);
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return values;
}
