import type { KeyMode } from '../keys/api-key.entity.js';
import type { Store } from '../stores/store.entity.js';
import type { ChannelName } from './channel.js';
import type { MessageContent } from './message.entity.js';
import type { MessageRenderer } from './renderer.js';
import type { MessageTargets } from './message-targets.js';
import type { TemplateData } from './template-data.js';

export interface RenderSpec {
  store: Store;
  mode: KeyMode;
  channel: ChannelName;
  template: string;
  locale: string;
  data: TemplateData;
}

/**
 * Renders what will be sent, in the store's time zone and with its overrides. Also the check
 * that the store can send on this channel in this mode (provider_not_configured), since the
 * WhatsApp rendering needs the store's approved language codes.
 */
export async function renderMessage(renderer: MessageRenderer, targets: MessageTargets, spec: RenderSpec): Promise<MessageContent> {
  const request = { locale: spec.locale, timeZone: spec.store.timezone, data: spec.data, storeId: spec.store.id };
  if (spec.channel === 'email') {
    await targets.email(spec.store.id, spec.mode);
    return { channel: 'email', ...renderer.renderEmail(spec.template, request) };
  }
  const { languageCodes } = await targets.whatsApp(spec.store.id, spec.mode);
  return { channel: 'whatsapp', ...renderer.renderWhatsApp(spec.template, { ...request, languageCodes }) };
}
