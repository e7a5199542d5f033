import { BaasClient } from '../../src/client/index.js';
import type { ClientOptions } from '../../src/client/http-client.js';

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  status?: number;
}

/** A client of the real test server (or any URL), with every request it sends recorded. */
export function clientFor(server: { url: string }, apiKey: string, options: Partial<ClientOptions> = {}) {
  const sent: SentRequest[] = [];
  const inner = options.fetch ?? fetch;
  const recording: typeof fetch = async (input, init) => {
    const request: SentRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: init?.body as string | undefined,
    };
    sent.push(request);
    const response = await inner(input, init);
    request.status = response.status;
    return response;
  };
  return { baas: new BaasClient({ baseUrl: server.url, apiKey, ...options, fetch: recording }), sent };
}
