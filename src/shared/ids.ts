import { monotonicFactory } from 'ulid';

/** Prefixes of every id we hand out (see the contract, §2). */
export type IdPrefix =
  | 'sto'
  | 'key'
  | 'crd'
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
  | 'log';

const ulid = monotonicFactory();

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
