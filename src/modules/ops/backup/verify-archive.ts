import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { invalidRequest } from '../../../shared/errors.js';
import { checksumFileOf, readChecksumFile, sha256File } from './checksum.js';
import { KEY_FILE, MANIFEST_FILE, ManifestSchema, isArchiveMember, type Manifest } from './manifest.js';
import { listTarGz, unpackTarGz } from './tar.js';

/**
 * Before anything is unpacked: the archive matches the .sha256 beside it (when there is one)
 * and holds only what a baas backup holds. Nothing is written anywhere yet.
 */
export async function checkArchive(file: string, progress: (line: string) => void): Promise<void> {
  if (!existsSync(file)) throw invalidRequest('backup_not_found', `No such file: ${file}`, 'file');
  const expected = readChecksumFile(file);
  const actual = await sha256File(file);
  if (expected === null) {
    progress(`! no ${basename(checksumFileOf(file))} beside it: relying on the checksums inside the archive`);
  } else if (expected !== actual) {
    throw invalidRequest(
      'backup_checksum_mismatch',
      `${file} does not match ${checksumFileOf(file)} (sha256 ${actual}): the archive is damaged, or the checksum is another archive's`,
      'file',
    );
  } else {
    progress(`✓ sha256 matches ${basename(checksumFileOf(file))}`);
  }
  const members = await listTarGz(file);
  const stranger = members.find((member) => !isArchiveMember(member));
  if (stranger !== undefined || !members.includes(MANIFEST_FILE)) {
    throw invalidRequest(
      'backup_invalid',
      `${file} is not a baas backup (${stranger ? `it holds ${stranger}` : 'no manifest.json'})`,
      'file',
    );
  }
}

/** Unpacks into `staging` and proves every file is the one the manifest describes, byte for byte. */
export async function unpackVerified(file: string, staging: string): Promise<Manifest> {
  await unpackTarGz(file, staging);
  const parsed = ManifestSchema.safeParse(parseJson(readFileSync(join(staging, MANIFEST_FILE), 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidRequest(
      'backup_invalid',
      `${file}: manifest.json is not one baas reads (${issue?.path.join('.')}: ${issue?.message})`,
      'file',
    );
  }
  const manifest = parsed.data;
  const expected = [
    manifest.database.file,
    ...manifest.config_files.map((c) => c.file),
    ...(manifest.master_key.included ? [KEY_FILE] : []),
  ];
  for (const name of expected) {
    if (!manifest.files[name]) throw corrupt(file, `the manifest lists no checksum for ${name}`);
  }
  for (const [name, { sha256, bytes }] of Object.entries(manifest.files)) {
    const path = join(staging, name);
    if (!existsSync(path) || !lstatSync(path).isFile()) throw corrupt(file, `${name} is missing`);
    if (lstatSync(path).size !== bytes || (await sha256File(path)) !== sha256) throw corrupt(file, `${name} does not match its checksum`);
  }
  return manifest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function corrupt(file: string, why: string) {
  return invalidRequest('backup_corrupt', `${file} is damaged: ${why}. Fix: restore another backup`, 'file');
}
