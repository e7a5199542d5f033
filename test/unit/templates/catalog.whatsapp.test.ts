import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../../src/modules/templates/catalog.js';
import { templateSample } from '../../../src/modules/templates/samples.js';
import { SHIPPED_TEMPLATES_DIR } from '../../../src/modules/templates/shipped-dir.js';
import { TEMPLATE_LOCALES, TEMPLATE_NAMES } from '../../../src/modules/templates/template-names.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { NBSP, sampleInput, thrown } from './render-helpers.js';

const catalog = new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR });
const LANGUAGE_CODES = { es: 'es', 'pt-BR': 'pt_BR', en: 'en' };

const shippedDefinition = (name: string) => JSON.parse(readFileSync(join(SHIPPED_TEMPLATES_DIR, 'whatsapp', `${name}.json`), 'utf8'));

function overrideWith(definition: unknown, raw?: string) {
  const dir = tempDir('baas-wa-templates');
  const file = join(dir, 'sto_ana', 'whatsapp', 'order_paid.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, raw ?? JSON.stringify(definition));
  return { file, catalog: new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR, overridesDir: dir }) };
}

describe('whatsapp: every template in every locale', () => {
  const cases = TEMPLATE_NAMES.flatMap((name) => TEMPLATE_LOCALES.map((locale) => [name, locale] as const));

  it.each(cases)('%s in %s: the approved name, the language code, every parameter and the text', (name, locale) => {
    const message = catalog.renderWhatsApp(name, sampleInput(name, locale));
    const definition = shippedDefinition(name);
    expect(definition.category).toBe('UTILITY');
    expect(message.name).toBe(name);
    expect(message.languageCode).toBe(LANGUAGE_CODES[locale]);
    expect(message.parameters.map((p) => [p.name, p.type])).toEqual(
      definition.parameters.map((p: { name: string; type: string }) => [p.name, p.type]),
    );
    // A UTILITY notice names the transaction.
    expect(message.text).toContain(`#${templateSample(name, locale).data.order!.number}`);
    expect(message.text).not.toMatch(/\{\{|\}\}|undefined|NaN/);
    for (const parameter of message.parameters) expect(parameter.type === 'text' ? parameter.text : parameter.fallback).not.toBe('');
  });
});

describe('whatsapp: parameters', () => {
  it('fills text, date_time and currency parameters in the definition order', () => {
    const message = catalog.renderWhatsApp('order_confirmation', sampleInput('order_confirmation', 'pt-BR'));
    expect(message).toEqual({
      name: 'order_confirmation',
      languageCode: 'pt_BR',
      parameters: [
        { type: 'text', name: 'order_number', text: '1042' },
        { type: 'date_time', name: 'order_date', fallback: '11 de março de 2026 às 23:30' },
        { type: 'currency', name: 'total', fallback: `R$${NBSP}129,90`, code: 'BRL', amount1000: 129900 },
      ],
      text: `Olá! Recebemos seu pedido #1042, feito em 11 de março de 2026 às 23:30, no valor de R$${NBSP}129,90. Obrigado pela compra!`,
    });
  });

  it('gives amount_1000 from the currency minor unit and a fallback in the locale', () => {
    const [, clp] = catalog.renderWhatsApp('order_paid', sampleInput('order_paid', 'en')).parameters;
    expect(clp).toEqual({ type: 'currency', name: 'total', fallback: `CLP${NBSP}49,960`, code: 'CLP', amount1000: 49960000 });
    const [, chile] = catalog.renderWhatsApp(
      'order_paid',
      sampleInput('order_paid', 'es-CL', { order: { amount_total: 12990, currency: 'CLP' } }),
    ).parameters;
    expect(chile).toMatchObject({ fallback: '$12.990', amount1000: 12990000 });
    const [refunded] = catalog.renderWhatsApp('order_refunded', sampleInput('order_refunded', 'es-AR')).parameters.slice(1);
    expect(refunded).toEqual({ type: 'currency', name: 'amount_refunded', fallback: `$${NBSP}6.500,00`, code: 'ARS', amount1000: 6500000 });
  });

  it('puts a text parameter on one line, as Meta requires', () => {
    const [number] = catalog.renderWhatsApp(
      'order_paid',
      sampleInput('order_paid', 'en', { order: { number: 'CL-\n5531\t  b' } }),
    ).parameters;
    expect(number).toEqual({ type: 'text', name: 'order_number', text: 'CL- 5531 b' });
  });

  it('links the payment page in payment_pending', () => {
    const message = catalog.renderWhatsApp('payment_pending', sampleInput('payment_pending', 'pt-BR'));
    expect(message.parameters[2]).toEqual({
      type: 'text',
      name: 'payment_link',
      text: 'https://www.mercadopago.com.br/payments/1325476981/ticket?caller_id=1873569022&hash=5b0e5a1c-3f0a-4a8e-9a54-2f8f8f0c6d11',
    });
  });
});

describe('whatsapp: languages', () => {
  it('falls back like email: es-AR reads es and formats the Argentine way, unknown reads English', () => {
    const argentina = catalog.renderWhatsApp('order_paid', sampleInput('order_paid', 'es-AR'));
    expect([argentina.languageCode, argentina.text]).toEqual([
      'es',
      `¡Pago confirmado! Recibimos $${NBSP}36.490,00 por tu pedido #A-2087 y ya estamos preparando todo.`,
    ]);
    const french = catalog.renderWhatsApp('order_paid', { ...sampleInput('order_paid', 'en'), locale: 'fr-FR' });
    expect(french.languageCode).toBe('en');
    expect(french.text).toMatch(/^Payment confirmed!/);
  });

  it("uses the store's approved language code, the most specific one that fits the text", () => {
    const render = (locale: string, languageCodes: Record<string, string>) =>
      catalog.renderWhatsApp('order_paid', { ...sampleInput('order_paid', locale), languageCodes }).languageCode;
    expect(render('es-AR', { 'es-AR': 'es_AR', es: 'es_MX' })).toBe('es_AR');
    expect(render('es-AR', { es: 'es_MX' })).toBe('es_MX');
    expect(render('pt-BR', { 'pt-BR': 'pt_BR' })).toBe('pt_BR');
    // An es code never labels English text.
    expect(render('fr', { es: 'es_MX' })).toBe('en');
  });
});

describe('whatsapp: errors', () => {
  it('names the missing data, never sends a blank parameter', () => {
    const error = thrown(() => catalog.renderWhatsApp('order_paid', sampleInput('order_paid', 'pt-BR', { order: { number: '' } })));
    expect([error.code, error.message]).toEqual(['template_variable_missing', 'template order_paid (pt-BR, whatsapp) needs order.number']);
    const noLink = thrown(() =>
      catalog.renderWhatsApp('payment_pending', sampleInput('payment_pending', 'es', { payment: { pix: { ticket_url: null } } })),
    );
    expect(noLink.message).toBe('template payment_pending (es, whatsapp) needs payment.pix.ticket_url');
  });

  it('says which file a template lacks for a channel', () => {
    const empty = new TemplateCatalog({ shippedDir: tempDir('baas-no-templates') });
    const whatsapp = thrown(() => empty.renderWhatsApp('order_paid', sampleInput('order_paid', 'en')));
    expect([whatsapp.code, whatsapp.message]).toEqual([
      'template_not_found',
      expect.stringMatching(/^template order_paid \(en, whatsapp\): no WhatsApp version: add .*whatsapp\/order_paid\.json$/),
    ]);
    const email = thrown(() => empty.renderEmail('order_paid', sampleInput('order_paid', 'en')));
    expect(email.message).toMatch(/^template order_paid \(en, email\): no email file for en: add .*email\/order_paid\/en\.subject\.hbs$/);
  });
});

describe('whatsapp: store overrides', () => {
  const own = {
    ...shippedDefinition('order_paid'),
    name: 'pedido_pago_v2',
    locales: { 'pt-BR': { language_code: 'pt_BR', body: 'Oba! O pedido {{order_number}} de {{total}} está pago.' } },
  };

  it('replace the definition for that store only', () => {
    const { catalog: withOverrides } = overrideWith(own);
    const ana = withOverrides.renderWhatsApp('order_paid', { ...sampleInput('order_paid', 'pt-BR'), storeId: 'sto_ana' });
    expect([ana.name, ana.text]).toEqual(['pedido_pago_v2', `Oba! O pedido 1042 de R$${NBSP}129,90 está pago.`]);
    // Its definition has only pt-BR: a Spanish message has nothing to fall back on.
    expect(
      thrown(() => withOverrides.renderWhatsApp('order_paid', { ...sampleInput('order_paid', 'es'), storeId: 'sto_ana' })).message,
    ).toContain('template order_paid (es, whatsapp): no WhatsApp text for es, en');
    expect(withOverrides.renderWhatsApp('order_paid', { ...sampleInput('order_paid', 'pt-BR'), storeId: 'sto_bia' }).name).toBe(
      'order_paid',
    );
  });

  it.each([
    ['not JSON', undefined, '{"name": ', /Unexpected end of JSON input|JSON/],
    [
      'a body with an unknown parameter',
      { ...own, locales: { en: { language_code: 'en', body: 'Paid {{order_number}} {{total}} {{oops}} now' } } },
      undefined,
      /locales\.en\.body uses \{\{oops\}\}/,
    ],
    [
      'a parameter no body uses',
      { ...own, locales: { en: { language_code: 'en', body: 'Order {{order_number}} is paid.' } } },
      undefined,
      /never uses \{\{total\}\}/,
    ],
    [
      'a body that ends with a parameter',
      { ...own, locales: { en: { language_code: 'en', body: 'Paid {{total}} for {{order_number}}' } } },
      undefined,
      /must not start or end with a parameter/,
    ],
    [
      'an unknown parameter type',
      { ...own, parameters: [{ name: 'total', type: 'number', value: 'order.amount_total' }] },
      undefined,
      /parameters\[0\]/,
    ],
    [
      'a language code that is not one',
      { ...own, locales: { 'pt-BR': { language_code: 'pt-BR', body: own.locales['pt-BR'].body } } },
      undefined,
      /language code/,
    ],
  ])('refuse %s, naming the file', (_, definition, raw, problem) => {
    const { file, catalog: withOverrides } = overrideWith(definition, raw);
    const error = thrown(() => withOverrides.renderWhatsApp('order_paid', { ...sampleInput('order_paid', 'pt-BR'), storeId: 'sto_ana' }));
    expect(error.code).toBe('template_invalid');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(problem);
  });
});

describe('whatsapp: approvals for the sandbox', () => {
  it("lists every (name, language) the definitions declare, with their parameters, stores' own included", () => {
    const shipped = catalog.whatsAppApprovals();
    expect(shipped).toHaveLength(TEMPLATE_NAMES.length * TEMPLATE_LOCALES.length);
    expect(shipped).toContainEqual({ name: 'order_confirmation', language: 'pt_BR', parameters: ['order_number', 'order_date', 'total'] });
    const { catalog: withOverrides } = overrideWith({ ...shippedDefinition('order_paid'), name: 'pedido_pago_v2' });
    const approvals = withOverrides.whatsAppApprovals();
    expect(approvals).toHaveLength(shipped.length + TEMPLATE_LOCALES.length);
    expect(approvals).toContainEqual({ name: 'pedido_pago_v2', language: 'es', parameters: ['order_number', 'total'] });
  });

  it('leaves out a broken override rather than failing', () => {
    const { catalog: withOverrides } = overrideWith(undefined, '{ not json');
    expect(withOverrides.whatsAppApprovals()).toHaveLength(TEMPLATE_NAMES.length * TEMPLATE_LOCALES.length);
  });
});
