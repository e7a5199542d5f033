import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postMessage } from '../../../src/providers/whatsapp/graph-client.js';
import { GraphApiError, type WhatsAppFailure } from '../../../src/providers/whatsapp/graph-error.js';
import { parseSendResponse } from '../../../src/providers/whatsapp/graph-response.js';
import { templateMessage } from '../../../src/providers/whatsapp/message-body.js';

const failureOf = (run: () => unknown): WhatsAppFailure => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphApiError);
    return (error as GraphApiError).failure;
  }
  throw new Error('did not throw');
};

describe('Graph API send response', () => {
  it("reads reference §1's 200", () => {
    const body = {
      messaging_product: 'whatsapp',
      contacts: [{ input: '+5511987654321', wa_id: '5511987654321' }],
      messages: [{ id: 'wamid.HBgL', message_status: 'accepted' }],
    };
    expect(parseSendResponse(200, JSON.stringify(body))).toEqual({
      wamid: 'wamid.HBgL',
      messageStatus: 'accepted',
      waId: '5511987654321',
      input: '+5511987654321',
      httpStatus: 200,
    });
  });

  it('keeps held_for_quality_assessment, and null when message_status or contacts are absent', () => {
    const held = { messages: [{ id: 'wamid.1', message_status: 'held_for_quality_assessment' }] };
    expect(parseSendResponse(200, JSON.stringify(held))).toMatchObject({ messageStatus: 'held_for_quality_assessment', waId: null });
    expect(parseSendResponse(200, JSON.stringify({ messages: [{ id: 'wamid.2' }] })).messageStatus).toBeNull();
  });

  it("reads reference §3's error with every field", () => {
    const body = {
      error: {
        message: '(#131047) Re-engagement message',
        type: 'OAuthException',
        code: 131047,
        error_subcode: 2494010,
        error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed' },
        fbtrace_id: 'AbCdEf',
      },
    };
    expect(failureOf(() => parseSendResponse(400, JSON.stringify(body)))).toEqual({
      kind: 'graph',
      code: 131047,
      subcode: 2494010,
      message: '(#131047) Re-engagement message',
      details: 'Message failed to send because more than 24 hours have passed',
      type: 'OAuthException',
      fbtraceId: 'AbCdEf',
      httpStatus: 400,
    });
  });

  it.each([
    [500, ''],
    [502, '<html>Bad Gateway</html>'],
    [404, '<html>Not Found</html>'],
    [200, '{"messaging_product":"whatsapp"}'],
    [200, 'OK'],
  ])('HTTP %i with %j is an answer without a Graph body', (status, text) => {
    expect(failureOf(() => parseSendResponse(status, text))).toEqual({ kind: 'http', httpStatus: status });
  });
});

describe('Graph API client transport', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  async function serve(handler: RequestListener): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v26.0/`;
  }
  const body = templateMessage('5511987654321', 'msg_1', { name: 'hello', languageCode: 'en', parameters: [], text: 'Hello' });

  it('posts to {apiUrl}/{phoneNumberId}/messages with the Bearer token and the JSON body', async () => {
    let seen: { url?: string; authorization?: string; type?: string; body?: string } = {};
    const apiUrl = await serve((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        seen = { url: request.url, authorization: request.headers.authorization, type: request.headers['content-type'], body: raw };
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.X"}]}');
      });
    });
    const result = await postMessage({ apiUrl, phoneNumberId: '1065 40', accessToken: 'EAAG-t' }, body);
    expect(result.wamid).toBe('wamid.X');
    expect(seen).toEqual({
      url: '/v26.0/1065%2040/messages',
      authorization: 'Bearer EAAG-t',
      type: 'application/json',
      body: JSON.stringify(body),
    });
  });

  it('headers then a stalled body is a timeout too', async () => {
    const apiUrl = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"messages":');
    });
    const error = await postMessage({ apiUrl, phoneNumberId: '1', accessToken: 't' }, body, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).failure).toEqual({ kind: 'timeout', timeoutMs: 100 });
  });
});
