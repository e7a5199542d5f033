import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { startWhatsAppSimulator, type ApprovedTemplate, type WhatsAppSimulatorOptions } from '../../../src/simulators/whatsapp/index.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export const ORDER_PAID: ApprovedTemplate = {
  name: 'order_paid',
  language: 'pt_BR',
  parameters: ['customer_name', 'order_number', 'total', 'paid_at'],
};

/** The phone number every simulator here starts with. */
export const PHONE = {
  phone_number_id: '106540352242922',
  access_token: 'EAAG-simulated-system-user-token',
  app_secret: 'simulated-app-secret',
  display_phone_number: '15550783881',
  waba_id: '102290129340398',
};

/** A template body as in reference §1, for ORDER_PAID. */
export function orderPaidBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: '5511987654321',
    type: 'template',
    biz_opaque_callback_data: 'msg_test_1',
    template: {
      name: 'order_paid',
      language: { code: 'pt_BR' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'customer_name', text: 'João Ávila' },
            { type: 'text', parameter_name: 'order_number', text: '#1042' },
            { type: 'currency', parameter_name: 'total', currency: { fallback_value: 'R$ 129,90', code: 'BRL', amount_1000: 129900 } },
            { type: 'date_time', parameter_name: 'paid_at', date_time: { fallback_value: '11 de março de 2026' } },
          ],
        },
      ],
    },
    ...fields,
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function call(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/**
 * The simulator on a random loopback port with PHONE registered (its webhooks to `webhookUrl`)
 * and ORDER_PAID approved; closed after the test.
 */
export async function startSim(options: WhatsAppSimulatorOptions & { webhookUrl?: string } = {}) {
  const started = await startWhatsAppSimulator(0, { templates: [ORDER_PAID], ...options });
  cleanups.push(started.close);
  const { controls } = started.simulator;
  controls.registerPhoneNumber({ ...PHONE, webhook_url: options.webhookUrl ?? null });
  return {
    ...started,
    controls,
    /** What a store's `apiUrl` would be. */
    apiUrl: `${started.url}/v26.0`,
    send: (body: unknown, { token = PHONE.access_token, path = `/v26.0/${PHONE.phone_number_id}/messages` } = {}) =>
      call(started.url + path, 'POST', body, token ? { authorization: `Bearer ${token}` } : {}),
    control: (method: string, path: string, body?: unknown) => call(`${started.url}/__control${path}`, method, body),
  };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The bytes as they came: what X-Hub-Signature-256 covers. */
  raw: Buffer;
  body: any;
}

/** A baas-side receiver for status webhooks on loopback: answers 200 unless told otherwise. */
export async function startReceiver() {
  const received: ReceivedHook[] = [];
  let answer: (hook: ReceivedHook, response: ServerResponse) => void = (_hook, response) => response.writeHead(200).end();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const hook = { headers: request.headers, raw, body: JSON.parse(raw.toString('utf8')) };
      received.push(hook);
      answer(hook, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/whatsapp/sto_test`,
    received,
    answerWith(next: typeof answer) {
      answer = next;
    },
    /** Statuses received so far, in arrival order (one per hook: the simulator sends one status a POST). */
    statuses: () => received.map((hook) => hook.body.entry[0].changes[0].value.statuses[0].status as string),
  };
}
