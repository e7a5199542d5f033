import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/server/openapi/error-codes.js';
import { json, startTestServer } from '../../helpers/server.js';

const GUIDE = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

/** `METHOD /path` of every endpoint the guide names in code spans, as OpenAPI spells paths. The simulator's are not the API. */
function endpointsInGuide(): Set<string> {
  const mentions = [...GUIDE.matchAll(/`(GET|POST|PATCH|PUT|DELETE) (\/[^`\s?]*)/g)].map(([, method, path]) => `${method} ${path}`);
  return new Set(mentions.filter((m) => !m.includes(' /sandbox/')).map((m) => m.replace(/:([A-Za-z_]+)/g, '{$1}')));
}

/** The codes in the code column of the guide's error table. */
function codesInGuide(): string[] {
  const section = GUIDE.slice(GUIDE.indexOf('## Errors'), GUIDE.indexOf('\n## ', GUIDE.indexOf('## Errors') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| \d/.test(line))
    .flatMap((line) => [...line.split('|')[3]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe('docs/api.md against /openapi.json', () => {
  it('names every operation of the document, and only operations that exist', async () => {
    const server = await startTestServer();
    const document = await json(await server.request('/openapi.json'));
    const operations = Object.entries(document.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const mentioned = endpointsInGuide();
    expect(operations.filter((operation) => !mentioned.has(operation))).toEqual([]);
    expect([...mentioned].filter((endpoint) => !operations.includes(endpoint))).toEqual([]);
  });

  it('has every error code in its table, and no code the API does not answer', () => {
    expect(codesInGuide().sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
