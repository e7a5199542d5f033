import type { RenderedEmail, RenderedWhatsApp } from './channel.js';
import type { TemplateData } from './template-data.js';

export interface RenderRequest {
  locale: string;
  timeZone: string;
  data: TemplateData;
  /** Whose overrides apply. */
  storeId: string;
  /** The store's approved WhatsApp language codes by locale, over the shipped ones. */
  languageCodes?: Record<string, string>;
}

/** Renders a named template for a channel; a missing variable or template is an AppError, never a message with blanks. */
export interface MessageRenderer {
  renderEmail(template: string, request: RenderRequest): RenderedEmail;
  renderWhatsApp(template: string, request: RenderRequest): RenderedWhatsApp;
}
