import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function checksumFileOf(archive: string): string {
  return `${archive}.sha256`;
}

/** In sha256sum's format, so `sha256sum -c FILE.sha256` checks the archive without baas. */
export function writeChecksumFile(archive: string, hex: string): string {
  const file = checksumFileOf(archive);
  writeFileSync(file, `${hex}  ${basename(archive)}\n`, { mode: 0o644 });
  return file;
}

/** The hex digest recorded beside the archive, or null when there is no such file. */
export function readChecksumFile(archive: string): string | null {
  let text: string;
  try {
    text = readFileSync(checksumFileOf(archive), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return /^([0-9a-f]{64})\b/i.exec(text.trim())?.[1]?.toLowerCase() ?? '';
}
