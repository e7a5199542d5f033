import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, guardedLookup, isBlockedAddress, type Resolver } from '../../../src/modules/webhooks/ssrf-guard.js';

describe('isBlockedAddress', () => {
  it.each([
    ['0.0.0.0/8', '0.1.2.3'],
    ['10/8', '10.20.30.40'],
    ['100.64/10 (carrier-grade NAT)', '100.127.255.254'],
    ['127/8', '127.0.0.1'],
    ['127/8 beyond .1', '127.255.0.9'],
    ['169.254/16 (cloud metadata)', '169.254.169.254'],
    ['172.16/12', '172.31.255.1'],
    ['192.168/16', '192.168.1.1'],
    ['198.18/15 (benchmarking)', '198.19.0.1'],
    ['224/4 (multicast)', '239.255.255.250'],
    ['240/4 (reserved, broadcast)', '255.255.255.255'],
    ['::', '::'],
    ['::1', '::1'],
    ['::1 written out', '0:0:0:0:0:0:0:1'],
    ['fc00::/7 (unique local)', 'fd12:3456::1'],
    ['fe80::/10 (link-local)', 'fe80::1'],
    ['ff00::/8 (multicast)', 'ff02::1'],
    ['64:ff9b::/96 (NAT64)', '64:ff9b::a00:1'],
    ['IPv4-mapped loopback, dotted', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback, hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-mapped private', '::ffff:a00:1'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
  ])('blocks %s: %s', (_range, ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '198.20.0.1',
    '2606:4700::1',
    '2a00:1450:4001::200e',
    '::ffff:93.184.216.34',
  ])('allows the public address %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });

  it('blocks what is not an address at all', () => {
    expect(isBlockedAddress('example.com')).toBe(true);
    expect(isBlockedAddress('')).toBe(true);
  });
});

describe('checkWebhookUrl', () => {
  const strict = { allowPrivate: false, requireHttps: true };
  const dev = { allowPrivate: false, requireHttps: false };
  const local = { allowPrivate: true, requireHttps: false };

  it('accepts a public https URL', () => {
    expect(checkWebhookUrl('https://shop.example/hooks?store=1', strict)).toEqual({ ok: true });
    expect(checkWebhookUrl('https://93.184.216.34:8443/hooks', strict)).toEqual({ ok: true });
    expect(checkWebhookUrl('https://[2606:4700::1]/hooks', strict)).toEqual({ ok: true });
  });

  it.each([
    ['not a URL', 'shop.example/hooks', strict, 'The URL is not valid.'],
    ['ftp', 'ftp://shop.example/hooks', dev, 'The URL must use https or http.'],
    ['javascript', 'javascript:alert(1)', dev, 'The URL must use https or http.'],
    ['http when https is required', 'http://shop.example/hooks', strict, 'The URL must use https.'],
    ['credentials', 'https://user:pass@shop.example/hooks', strict, 'The URL must not contain a user name or password.'],
    ['a user name alone', 'https://user@shop.example/hooks', strict, 'The URL must not contain a user name or password.'],
    ['a fragment', 'https://shop.example/hooks#frag', strict, 'The URL must not contain a fragment (#…).'],
    ['an empty fragment', 'https://shop.example/hooks#', strict, 'The URL must not contain a fragment (#…).'],
  ])('refuses %s', (_case, url, options, reason) => {
    expect(checkWebhookUrl(url, options)).toEqual({ ok: false, reason });
  });

  it.each([
    ['http://127.0.0.1/hooks', '127.0.0.1'],
    ['http://127.0.0.1:4000/hooks', '127.0.0.1'],
    ['http://[::1]/hooks', '::1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://10.0.0.1/hooks', '10.0.0.1'],
    ['http://192.168.0.10/hooks', '192.168.0.10'],
    ['http://[::ffff:127.0.0.1]/hooks', '::ffff:7f00:1'],
    // The URL parser normalises the odd IPv4 spellings, so they cannot sneak past.
    ['http://2130706433/hooks', '127.0.0.1'],
    ['http://0x7f.1/hooks', '127.0.0.1'],
    ['http://0/hooks', '0.0.0.0'],
  ])('refuses the blocked address in %s', (url, address) => {
    expect(checkWebhookUrl(url, dev)).toEqual({
      ok: false,
      reason: `The URL points to ${address}, a loopback, private, link-local or reserved address.`,
    });
  });

  it.each(['http://localhost:3000/hooks', 'http://LOCALHOST/hooks', 'http://localhost./hooks', 'http://shop.localhost/hooks'])(
    'refuses %s',
    (url) => {
      expect(checkWebhookUrl(url, dev)).toEqual({ ok: false, reason: 'The URL points to localhost.' });
    },
  );

  it('lets allowPrivate reach loopback and private networks', () => {
    for (const url of [
      'http://127.0.0.1:3000/hooks',
      'http://[::1]/hooks',
      'http://10.0.0.1/hooks',
      'http://localhost:3000/hooks',
      'http://169.254.169.254/',
    ]) {
      expect(checkWebhookUrl(url, local)).toEqual({ ok: true });
    }
  });

  it('keeps the other rules under allowPrivate', () => {
    expect(checkWebhookUrl('http://user:pass@127.0.0.1/', local).ok).toBe(false);
    expect(checkWebhookUrl('ftp://127.0.0.1/', local).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1/#x', local).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.1/', { allowPrivate: true, requireHttps: true })).toEqual({
      ok: false,
      reason: 'The URL must use https.',
    });
  });
});

describe('guardedLookup', () => {
  const v4 = (address: string): LookupAddress => ({ address, family: 4 });
  const v6 = (address: string): LookupAddress => ({ address, family: 6 });

  /** A resolver that answers from a table and records what it was asked. */
  function fakeDns(answers: Record<string, LookupAddress[]>) {
    const asked: { hostname: string; all: boolean }[] = [];
    const resolve: Resolver = (hostname, options, callback) => {
      asked.push({ hostname, all: options.all });
      const found = answers[hostname];
      if (found) callback(null, found);
      else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    };
    return { resolve, asked };
  }

  function lookupWith(lookup: LookupFunction, hostname: string, all: boolean) {
    return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family: number | undefined }>((resolve) =>
      lookup(hostname, { all }, (err, address, family) => resolve({ err, address, family })),
    );
  }

  const dns = fakeDns({
    'shop.example': [v4('93.184.216.34'), v6('2606:4700::1')],
    'rebound.example': [v4('127.0.0.1')],
    'mixed.example': [v4('93.184.216.34'), v6('::1')],
    'metadata.example': [v6('::ffff:169.254.169.254')],
  });

  it('passes public answers through in the array form Node 20 asks for', async () => {
    const { err, address } = await lookupWith(guardedLookup(false, dns.resolve), 'shop.example', true);
    expect(err).toBeNull();
    expect(address).toEqual([v4('93.184.216.34'), v6('2606:4700::1')]);
  });

  it('answers with one address and its family when the caller did not ask for all', async () => {
    expect(await lookupWith(guardedLookup(false, dns.resolve), 'shop.example', false)).toEqual({
      err: null,
      address: '93.184.216.34',
      family: 4,
    });
    expect(dns.asked.at(-1)).toEqual({ hostname: 'shop.example', all: true });
  });

  it.each([
    ['rebound.example', '127.0.0.1'],
    ['mixed.example', '::1'],
    ['metadata.example', '::ffff:169.254.169.254'],
  ])('fails with EBLOCKED when %s resolves to %s', async (hostname, blocked) => {
    for (const all of [true, false]) {
      const { err } = await lookupWith(guardedLookup(false, dns.resolve), hostname, all);
      expect(err).toMatchObject({ code: 'EBLOCKED' });
      expect(err?.message).toContain(blocked);
      expect(err?.message).toContain(hostname);
    }
  });

  it('lets blocked answers through under allowPrivate', async () => {
    const { err, address } = await lookupWith(guardedLookup(true, dns.resolve), 'rebound.example', true);
    expect(err).toBeNull();
    expect(address).toEqual([v4('127.0.0.1')]);
  });

  it('passes resolution errors on untouched', async () => {
    const { err } = await lookupWith(guardedLookup(false, dns.resolve), 'missing.example', true);
    expect(err).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('treats an empty answer as not found', async () => {
    const empty: Resolver = (_hostname, _options, callback) => callback(null, []);
    const { err } = await lookupWith(guardedLookup(false, empty), 'empty.example', false);
    expect(err).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('uses the system resolver by default, and localhost is refused', async () => {
    const { err } = await lookupWith(guardedLookup(false), 'localhost', true);
    expect(err).toMatchObject({ code: 'EBLOCKED' });
  });
});
