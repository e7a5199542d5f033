import type { RenderedWhatsApp, WhatsAppParameter } from '../../modules/messages/channel.js';

/** One body parameter as the Graph API takes it (reference §1). */
export type GraphParameter =
  | { type: 'text'; parameter_name?: string; text: string }
  | { type: 'currency'; parameter_name?: string; currency: { fallback_value: string; code: string; amount_1000: number } }
  | { type: 'date_time'; parameter_name?: string; date_time: { fallback_value: string } };

export interface GraphTemplateMessage {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
  type: 'template';
  /** Echoed in every status webhook: how a status finds its message before we stored the wamid. */
  biz_opaque_callback_data: string;
  template: {
    name: string;
    language: { code: string };
    components?: [{ type: 'body'; parameters: GraphParameter[] }];
  };
}

/** Our rendered template → the `POST /{phone-number-id}/messages` body. `to` is digits (see sendingDigits). */
export function templateMessage(to: string, callbackData: string, content: RenderedWhatsApp): GraphTemplateMessage {
  const parameters = content.parameters.map(graphParameter);
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    biz_opaque_callback_data: callbackData,
    template: {
      name: content.name,
      language: { code: content.languageCode },
      // A template without variables takes no body component.
      ...(parameters.length > 0 ? { components: [{ type: 'body', parameters }] } : {}),
    },
  };
}

function graphParameter(parameter: WhatsAppParameter): GraphParameter {
  // `parameter_name` only for NAMED templates; positional ones go by order.
  const name = parameter.name === undefined ? {} : { parameter_name: parameter.name };
  switch (parameter.type) {
    case 'text':
      return { type: 'text', ...name, text: parameter.text };
    case 'currency':
      return {
        type: 'currency',
        ...name,
        currency: { fallback_value: parameter.fallback, code: parameter.code, amount_1000: parameter.amount1000 },
      };
    case 'date_time':
      return { type: 'date_time', ...name, date_time: { fallback_value: parameter.fallback } };
  }
}
