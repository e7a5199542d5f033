import { ChannelError, type MessageChannel, type SendOutcome, type WhatsAppSend } from '../../modules/messages/channel.js';
import { classifyWhatsAppFailure } from './classify.js';
import { postMessage } from './graph-client.js';
import { GraphApiError } from './graph-error.js';
import { templateMessage } from './message-body.js';
import { sendingDigits } from './phone.js';

/**
 * The WhatsApp Cloud API channel: one template message per send, no state of its own (the
 * credentials come with every send, so one channel serves every store). 200 only means Meta
 * accepted it; sent, delivered and read arrive later as status webhooks.
 */
export class WhatsAppChannel implements MessageChannel<WhatsAppSend> {
  readonly name = 'whatsapp' as const;

  constructor(private readonly options: { timeoutMs?: number } = {}) {}

  async send(message: WhatsAppSend): Promise<SendOutcome> {
    const template = message.content.name;
    const to = sendingDigits(message.to);
    if (to === null) throw new ChannelError('permanent', 'whatsapp_invalid_number', `${message.to} is not an E.164 phone number`);
    try {
      const result = await postMessage(message, templateMessage(to, message.messageId, message.content), this.options);
      return { providerMessageId: result.wamid, response: result.messageStatus ?? 'accepted', recipientId: result.waId };
    } catch (error) {
      if (error instanceof GraphApiError) throw classifyWhatsAppFailure(error.failure, { template });
      throw error;
    }
  }

  /** Nothing pooled of its own: fetch's connections belong to the process-wide dispatcher. */
  async close(): Promise<void> {}
}
