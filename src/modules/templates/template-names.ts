import { notFound } from '../../shared/errors.js';

/** The transactional messages we ship, by the name the API and the WhatsApp template share. */
export const TEMPLATE_NAMES = [
  'order_confirmation',
  'order_paid',
  'payment_pending',
  'payment_rejected',
  'order_refunded',
  'order_cancelled',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The locales every shipped template is written in; others fall back to them (see locale-chain.ts). */
export const TEMPLATE_LOCALES = ['es', 'pt-BR', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

export function templateName(name: string): TemplateName {
  if (isTemplateName(name)) return name;
  throw notFound('template_not_found', `There is no template named "${name}"; the templates are ${TEMPLATE_NAMES.join(', ')}.`);
}
