import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Prefixes of every id we hand out (see the contract, §2). */
export type IdPrefix =
  | 'sto'
  | 'key'
  | 'crd'
  | 'ptr'
  | 'idk'
  | 'ord'
  | 'pay'
  | 're'
  | 'chk'
  | 'evt'
  | 'we'
  | 'wd'
  | 'msg'
  | 'req'
  | 'job'
  | 'ntf'
  | 'log'
  | 'cpa';

/**
 * ulid asks its random source for one value per character; reading those from a pooled
 * buffer of CSPRNG bytes (refilled 4 KiB at a time) keeps them unguessable without a
 * system call per character, which showed up in request profiles.
 */
const pool = Buffer.alloc(4096);
let cursor = pool.length;
function pooledRandom(): number {
  if (cursor === pool.length) {
    randomFillSync(pool);
    cursor = 0;
  }
  return pool[cursor++]! / 256;
}

const ulid = monotonicFactory(pooledRandom);

/**
 * `prefix_` + a lower-case ULID: 48 bits of time then 80 random bits, so ids sort by creation
 * (cursor pagination and "newest first" come for free) and cannot be guessed.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}

const ID_SHAPE = /^[a-z]{2,3}_[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(value: string, prefix: IdPrefix): boolean {
  return value.startsWith(`${prefix}_`) && ID_SHAPE.test(value);
}
