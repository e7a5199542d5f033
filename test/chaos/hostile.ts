import { pick, type Random } from './random.js';

/** Strings a hostile or broken client sends where an id, a name or a code is expected. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  '9007199254740993',
  'NaN',
  "' OR '1'='1",
  '1; DROP TABLE orders; --',
  '" OR ""="',
  '{"$gt":""}',
  '{"$where":"sleep(1000)"}',
  '$ne',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '🦄'.repeat(200),
  '\u202egnp.exe',
  'ß'.repeat(300),
  'a'.repeat(10_000),
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '%s%s%s%n',
  '\r\nX-Injected: 1',
  `ord_${'x'.repeat(300)}`,
  'sto_../../',
  '__proto__',
  'constructor',
];

/** Values of every JSON type for a field that wants another one. */
export const HOSTILE_VALUES: readonly unknown[] = [
  ...HOSTILE_STRINGS,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -0,
  0.1,
  -1,
  0,
  1e21,
  true,
  false,
  null,
  [],
  [[[]]],
  {},
  { $gt: '' },
  { $where: '1' },
  Array.from({ length: 1000 }, (_, i) => i),
];

/** JSON texts no object schema accepts, or no JSON parser. */
export const BROKEN_BODIES: readonly string[] = [
  '',
  '{',
  '{"a":1,}',
  '{"a":1}garbage',
  "{'a':1}",
  '\ufeff{}',
  'null',
  '[]',
  '"a string"',
  '42',
  'NaN',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
  '{"a":"\\ud800"}',
  '{"a":1e400,"b":-1e400,"c":123456789012345678901234567890}',
  '\u0000\u0001\u0002',
];

export const WRONG_CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json, text/plain',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  '*/*',
  '',
  'application/json\u0000',
];

/** JSON nested `depth` levels inside `key`, as text (building it as an object would blow this process's stack first). */
export const deepJson = (key: string, depth: number, array: boolean): string =>
  array ? `{"${key}":${'['.repeat(depth)}${']'.repeat(depth)}}` : `{"${key}":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

/** A hostile string for a URL: percent-encoded as a careful client would, or raw as a careless one. */
export function inUrl(random: Random, value: string): string {
  if (!(random() < 0.7 || /[\s\u0000-\u001f\u007f-\uffff]/.test(value))) return value;
  // A lone surrogate has no UTF-8: sent as the bytes of one (CESU-8), which a server must refuse cleanly.
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\u0000')).replace(/%00/g, '%ED%A0%80');
}

export const hostileString = (random: Random): string => pick(random, HOSTILE_STRINGS);
export const hostileValue = (random: Random): unknown => pick(random, HOSTILE_VALUES);
