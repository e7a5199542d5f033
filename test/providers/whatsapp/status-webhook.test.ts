import { describe, expect, it } from 'vitest';
import { parseStatusWebhook } from '../../../src/providers/whatsapp/status-webhook.js';
import { AppError } from '../../../src/shared/errors.js';

const status = (id: string, value: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: value,
  timestamp: '1750857384',
  recipient_id: '5511987654321',
  ...extra,
});
const change = (phoneNumberId: string, statuses: unknown[], field = 'messages') => ({
  field,
  value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, statuses },
});

describe('WhatsApp status webhook parser', () => {
  it("reads reference §4's failed status", () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '<WABA_ID>',
          changes: [
            change('<PNID>', [
              status('wamid.A', 'failed', {
                biz_opaque_callback_data: 'obx_8812',
                pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
                errors: [
                  { code: 131026, title: 'Message undeliverable', message: '…', error_data: { details: 'Not on WhatsApp' }, href: '…' },
                ],
              }),
            ]),
          ],
        },
      ],
    };
    expect(parseStatusWebhook(body)).toEqual([
      {
        wamid: 'wamid.A',
        status: 'failed',
        at: new Date(1750857384 * 1000),
        recipientId: '5511987654321',
        callbackData: 'obx_8812',
        phoneNumberId: '<PNID>',
        errors: [{ code: 131026, title: 'Message undeliverable', message: '…', details: 'Not on WhatsApp' }],
      },
    ]);
  });

  it('loops over every entry, change and status, skipping what is not a status update', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [change('pn1', [status('wamid.1', 'sent'), status('wamid.2', 'delivered')]), change('pn1', [status('wamid.1', 'read')])],
        },
        {
          id: '2',
          changes: [
            // An incoming message: no statuses.
            {
              field: 'messages',
              value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'pn2' }, messages: [{ id: 'wamid.in' }] },
            },
            change('pn2', [status('wamid.x', 'sent')], 'message_template_status_update'),
            change('pn2', [
              status('wamid.3', 'deleted'), // a status value we don't know
              status('', 'sent'),
              status('wamid.4', 'sent', { timestamp: 'yesterday' }),
              'garbage',
              status('wamid.5', 'read', { recipient_id: undefined }),
            ]),
          ],
        },
        'not an entry',
        { id: '3' },
      ],
    };
    expect(parseStatusWebhook(body).map((u) => [u.wamid, u.status, u.phoneNumberId, u.callbackData, u.recipientId])).toEqual([
      ['wamid.1', 'sent', 'pn1', null, '5511987654321'],
      ['wamid.2', 'delivered', 'pn1', null, '5511987654321'],
      ['wamid.1', 'read', 'pn1', null, '5511987654321'],
      ['wamid.5', 'read', 'pn2', null, null],
    ]);
  });

  it('a WhatsApp webhook with nothing for us is an empty list', () => {
    expect(parseStatusWebhook({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
  });

  it.each([
    null,
    'text',
    42,
    [],
    {},
    { object: 'page', entry: [] },
    { object: 'whatsapp_business_account' },
    { object: 'whatsapp_business_account', entry: {} },
  ])('%j is not a WhatsApp webhook: the contract 400', (body) => {
    let thrown: unknown;
    try {
      parseStatusWebhook(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'invalid_whatsapp_webhook' });
  });
});
