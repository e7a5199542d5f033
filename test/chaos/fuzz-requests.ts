import { BROKEN_BODIES, deepJson, hostileString, hostileValue, inUrl, WRONG_CONTENT_TYPES } from './hostile.js';
import { validParam, type Fixtures, type FuzzRoute } from './fuzz-routes.js';
import { pick, type Random } from './random.js';
import type { RawRequest } from './raw-http.js';

export interface Target {
  fixtures: Fixtures;
  key: string;
  /** Where any URL in a body points: a local sink, so no request of the fuzz leaves the machine. */
  sinkUrl: string;
}

interface Draft {
  method: string;
  params: Record<string, string>;
  query: [string, string][];
  headers: [string, string][];
  body: unknown;
  /** Replaces the JSON of `body` when set: texts a JSON encoder cannot produce. */
  bodyText?: string;
  /** Replaces the whole request target. */
  target?: string;
  localAddress?: string;
}

/** The bodies of the provider hooks, which have no documented schema: what Mercado Pago and Meta send. */
function hookBody(route: FuzzRoute, fixtures: Fixtures): unknown {
  if (route.path.startsWith('/hooks/mercadopago'))
    return { type: 'payment', action: 'payment.updated', data: { id: fixtures.providerPayment } };
  if (route.path.startsWith('/hooks/whatsapp')) return { object: 'whatsapp_business_account', entry: [] };
  return route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
}

function localized(value: unknown, sinkUrl: string): unknown {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? sinkUrl : value;
  if (Array.isArray(value)) return value.map((v) => localized(v, sinkUrl));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localized(v, sinkUrl)]));
  return value;
}

/** Paths to every value inside a JSON value, so a mutation can pick any of them. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = [...prefix, Array.isArray(value) ? Number(k) : k];
    return [here, ...paths(v, here)];
  });
}

function parentOf(body: unknown, path: (string | number)[]): Record<string | number, unknown> {
  return path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], body) as Record<
    string | number,
    unknown
  >;
}

const setHeader = (draft: Draft, name: string, value: string | null) => {
  draft.headers = draft.headers.filter(([n]) => n.toLowerCase() !== name);
  if (value !== null) draft.headers.push([name, value]);
};

const MUTATIONS: ((random: Random, draft: Draft, route: FuzzRoute) => void)[] = [
  function pathParam(random, draft, route) {
    const param = route.pathParams.length ? pick(random, route.pathParams) : null;
    if (param) draft.params[param] = inUrl(random, hostileString(random));
    else draft.query.push(['id', inUrl(random, hostileString(random))]);
  },
  function query(random, draft, route) {
    for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
      const name = route.query.length && random() < 0.8 ? pick(random, route.query) : hostileString(random);
      draft.query.push([inUrl(random, name), inUrl(random, hostileString(random))]);
    }
  },
  function missingField(random, draft) {
    const all = paths(draft.body);
    if (!all.length) return void (draft.body = {});
    const path = pick(random, all);
    const parent = parentOf(draft.body, path);
    if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
    else delete parent[path.at(-1)!];
  },
  function wrongType(random, draft) {
    const all = paths(draft.body);
    if (!all.length) return void (draft.body = { [hostileString(random)]: hostileValue(random) });
    const path = pick(random, all);
    parentOf(draft.body, path)[path.at(-1)!] = hostileValue(random);
  },
  function deep(random, draft) {
    const key =
      pick(
        random,
        paths(draft.body).map((p) => String(p[0])),
      ) ?? 'a';
    draft.bodyText = deepJson(key, pick(random, [64, 1000, 10_000, 100_000]), random() < 0.5);
  },
  function broken(random, draft) {
    draft.bodyText = pick(random, BROKEN_BODIES);
  },
  function tooLarge(_random, draft) {
    draft.bodyText = JSON.stringify({ note: 'x'.repeat(1_200_000) });
  },
  function contentType(random, draft) {
    setHeader(draft, 'content-type', random() < 0.15 ? null : pick(random, WRONG_CONTENT_TYPES));
    if (draft.body === undefined) draft.body = {};
  },
  function headerInjection(random, draft) {
    const name = pick(random, [
      'x-request-id',
      'idempotency-key',
      'x-signature',
      'x-hub-signature-256',
      'x-forwarded-for',
      'accept',
      'accept-language',
    ]);
    const value = pick(random, [
      hostileString(random),
      'a\r\nX-Injected: 1',
      'req_12345678\r\n\r\nHTTP/1.1 200 OK',
      '\u00ff\u00fe\u00e9',
      'a'.repeat(20_000),
      'valid-looking-id\u0000',
      ' folded',
    ]);
    setHeader(draft, name, value);
  },
  function badAuth(random, draft) {
    // From another address: the brake on key guessing blocks it, not the rest of the fuzz.
    draft.localAddress = '127.0.0.2';
    const value = pick(random, [
      null,
      'Bearer',
      `Bearer ${hostileString(random)}`,
      'Basic YWRtaW46YWRtaW4=',
      `Bearer sk_test_${'A'.repeat(43)}`,
      `Bearer ${draft.headers.find(([n]) => n === 'authorization')?.[1].slice(7) ?? ''}x`,
      `bearer  sk_live_' OR 1=1 --`,
    ]);
    setHeader(draft, 'authorization', value);
  },
  function method(random, draft) {
    draft.method = pick(random, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'get', 'G E T']);
  },
  function traversal(random, draft, route) {
    const base = route.path.replace(/\{\w+\}/g, 'x');
    draft.target = pick(random, [
      `${base}/../../../../etc/passwd`,
      '/v1/%2e%2e/%2e%2e/etc/passwd',
      '//v1//orders',
      `${base}/..;/..;/`,
      `${base}%2F..%2F..%2Fetc%2Fpasswd`,
      `${base}%00.json`,
      `/v1/orders/${'%ff'.repeat(8)}`,
      `${base}?${'a=1&'.repeat(2000)}`,
      `/${'a/'.repeat(3000)}`,
      '*',
    ]);
  },
  function encoding(random, draft) {
    const variant = pick(random, ['gzip', 'br', 'deflate, x-unknown', 'chunked-bad', 'both-lengths']);
    if (draft.body === undefined) draft.body = {};
    if (variant === 'chunked-bad') {
      setHeader(draft, 'transfer-encoding', 'chunked');
      draft.bodyText = 'zz\r\n{}\r\n0\r\n\r\n';
    } else if (variant === 'both-lengths') {
      setHeader(draft, 'transfer-encoding', 'chunked');
      setHeader(draft, 'content-length', '2');
      draft.bodyText = '2\r\n{}\r\n0\r\n\r\n';
    } else setHeader(draft, 'content-encoding', variant);
  },
];

/** One malformed or hostile request to `route`: a valid request first, then one or two mutations of it. */
export function fuzzRequest(random: Random, route: FuzzRoute, target: Target): { request: RawRequest; mutations: string[] } {
  const body = route.example !== undefined ? localized(structuredClone(route.example), target.sinkUrl) : hookBody(route, target.fixtures);
  const draft: Draft = {
    method: route.method,
    params: Object.fromEntries(route.pathParams.map((p) => [p, validParam(route.path, p, target.fixtures)])),
    query: route.path.startsWith('/hooks/mercadopago')
      ? [
          ['data.id', target.fixtures.providerPayment],
          ['type', 'payment'],
        ]
      : [],
    headers: [
      ...(route.keyed ? [['authorization', `Bearer ${target.key}`] as [string, string]] : []),
      ...(body !== undefined ? [['content-type', 'application/json'] as [string, string]] : []),
    ],
    body,
  };
  const chosen = Array.from({ length: random() < 0.7 ? 1 : 2 }, () => pick(random, MUTATIONS));
  for (const mutation of chosen) mutation(random, draft, route);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.params[name]!);
  const query = draft.query.map(([k, v]) => `${k}=${v}`).join('&');
  const text = draft.bodyText ?? (draft.body === undefined ? undefined : JSON.stringify(draft.body));
  return {
    request: {
      method: draft.method,
      target: draft.target ?? `${path}${query ? `?${query}` : ''}`,
      headers: draft.headers,
      body: text === undefined ? undefined : Buffer.from(text),
      localAddress: draft.localAddress,
    },
    mutations: chosen.map((m) => m.name),
  };
}
