import { describe, expect, it } from 'vitest';
import { templateMessage } from '../../../src/providers/whatsapp/message-body.js';

describe('WhatsApp template message body', () => {
  it('is exactly the body of reference §1', () => {
    const reference = `{"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321","type":"template",
 "biz_opaque_callback_data":"obx_8812",
 "template":{"name":"order_paid","language":{"code":"pt_BR"},"components":[{"type":"body","parameters":[
  {"type":"text","parameter_name":"order_number","text":"#1042"},
  {"type":"currency","parameter_name":"total","currency":{"fallback_value":"R$ 129,90","code":"BRL","amount_1000":129900}},
  {"type":"date_time","parameter_name":"paid_at","date_time":{"fallback_value":"11 de março de 2026"}}]}]}}`;
    const body = templateMessage('5511987654321', 'obx_8812', {
      name: 'order_paid',
      languageCode: 'pt_BR',
      parameters: [
        { type: 'text', name: 'order_number', text: '#1042' },
        { type: 'currency', name: 'total', fallback: 'R$ 129,90', code: 'BRL', amount1000: 129900 },
        { type: 'date_time', name: 'paid_at', fallback: '11 de março de 2026' },
      ],
      text: 'Pedido #1042 pago: R$ 129,90',
    });
    // Same keys in the same order, not just the same value.
    expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(reference)));
  });

  it('leaves parameter_name out of positional parameters, and the body component out when there are none', () => {
    const positional = templateMessage('16505555555', 'msg_1', {
      name: 'hello',
      languageCode: 'en',
      parameters: [{ type: 'text', text: 'Ana' }],
      text: 'Hello Ana',
    });
    expect(positional.template.components).toEqual([{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }]);
    const bare = templateMessage('16505555555', 'msg_2', {
      name: 'hello_world',
      languageCode: 'en_US',
      parameters: [],
      text: 'Hello World',
    });
    expect(bare.template).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
  });
});
