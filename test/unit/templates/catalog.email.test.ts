import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageRenderer } from '../../../src/modules/messages/renderer.js';
import type { TemplateData } from '../../../src/modules/messages/template-data.js';
import { TemplateCatalog } from '../../../src/modules/templates/catalog.js';
import { templateSample } from '../../../src/modules/templates/samples.js';
import { SHIPPED_TEMPLATES_DIR } from '../../../src/modules/templates/shipped-dir.js';
import { TEMPLATE_LOCALES, TEMPLATE_NAMES } from '../../../src/modules/templates/template-names.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { NBSP, sampleInput, thrown } from './render-helpers.js';

const catalog = new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR });
// The messages core holds the catalog as its renderer.
const renderer: MessageRenderer = catalog;

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('email: every template in every locale', () => {
  const cases = TEMPLATE_NAMES.flatMap((name) => TEMPLATE_LOCALES.map((locale) => [name, locale] as const));

  it.each(cases)('%s in %s renders whole, with the sample data of every locale', (name, locale) => {
    for (const dataLocale of TEMPLATE_LOCALES) {
      const { data } = templateSample(name, dataLocale);
      const email = renderer.renderEmail(name, { locale, timeZone: 'America/Sao_Paulo', data, storeId: 'sto_none' });
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toMatch(/\{\{|\}\}|undefined|NaN|\[object Object\]/);
      }
      expect(email.subject).toContain(`#${data.order!.number}`);
      expect(email.text).toContain(data.store.name);
      expect(email.html).toContain(`<html lang="${locale}">`);
    }
  });

  it('speaks the locale it is asked for', () => {
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-BR')).subject).toBe('Pagamento confirmado: pedido #1042');
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'es')).subject).toBe('Pago confirmado: pedido #A-2087');
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'en')).subject).toBe('Payment confirmed for order #CL-5531');
  });

  it('shows the items, subtotal, shipping and total, money in the locale and the order date in the store zone', () => {
    const { text, html } = catalog.renderEmail('order_confirmation', sampleInput('order_confirmation', 'pt-BR'));
    expect(text).toContain(`2 × Camiseta básica de algodão (M): R$${NBSP}79,80`);
    expect(text).toContain(`Subtotal: R$${NBSP}114,90\nFrete: R$${NBSP}15,00\nTotal: R$${NBSP}129,90`);
    // Created 2026-03-12T02:30Z: still the 11th in São Paulo.
    expect(text).toContain('Pedido #1042 · feito em 11 de março de 2026');
    expect(html).toMatch(/<td[^>]*>Caneca de cerâmica artesanal<\/td>/);
    expect(html).toContain(`R$${NBSP}129,90</td>`);
  });

  it('writes CLP without cents', () => {
    const { text } = catalog.renderEmail('order_paid', sampleInput('order_paid', 'es-CL', { order: { currency: 'CLP' } }));
    expect(text).toContain('Total: $3.649.000');
  });

  it('escapes customer data in the HTML and leaves the text part as typed', () => {
    const email = catalog.renderEmail('order_paid', sampleInput('order_paid', 'en', { customer: { name: '<Ana & Bia>' } }));
    expect(email.html).toContain('Hi &lt;Ana &amp; Bia&gt;,');
    expect(email.html).not.toContain('<Ana & Bia>');
    expect(email.text).toContain('Hi <Ana & Bia>,');
  });

  it('inlines the CSS and keeps only the media queries in <style>', () => {
    const { html } = catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-BR'));
    expect(html).toMatch(/<td class="header" style="[^"]*font-weight: bold/);
    const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]!.trim());
    expect(styles).toHaveLength(1);
    expect(styles[0]).toMatch(/^@media \(max-width: 620px\)/);
    expect(styles[0]).not.toContain('.items');
  });

  it('puts the store contact in the footer only when there is one', () => {
    const withContact = catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-BR'));
    expect(withContact.html).toContain('<a href="mailto:contato@lojadaana.com.br"');
    expect(withContact.text).toContain('Dúvidas? Fale com a gente: contato@lojadaana.com.br');
    const without = catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-BR', { store: { contact_email: null } }));
    expect(without.html).not.toContain('mailto:');
    expect(without.text).not.toContain('Dúvidas?');
  });

  it('greets by name, or without one', () => {
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'es')).text).toContain('¡Hola, Lucía Fernández!');
    const anonymous = sampleInput('order_paid', 'es');
    anonymous.data = { ...anonymous.data, customer: {} };
    expect(catalog.renderEmail('order_paid', anonymous).text).toMatch(/^Almacén Don Julio\n\n¡Hola!\n/);
  });
});

describe('email: payment_pending', () => {
  it('gives the Pix QR code as an image, the copy-and-paste code, the link and the deadline', () => {
    const { data } = sampleInput('payment_pending', 'pt-BR');
    const pix = data.payment!.pix!;
    const { html, text } = catalog.renderEmail('payment_pending', sampleInput('payment_pending', 'pt-BR'));
    expect(html).toContain(`<img class="pix-qr" src="data:image/png;base64,${pix.qr_code_base64}"`);
    expect(html).toContain(`>${pix.qr_code}</p>`);
    expect(html).toContain('href="https://www.mercadopago.com.br/payments/1325476981/ticket?caller_id&#x3D;1873569022&amp;hash');
    expect(text).toContain(`cole este código:\n\n${pix.qr_code}\n`);
    expect(text).toContain(`Ver instruções de pagamento: ${pix.ticket_url}`);
    // 2026-03-13T02:30Z in São Paulo.
    expect(text).toContain('Prazo para pagamento: 12 de março de 2026 às 23:30\n');
  });

  it('leaves out what the payment does not have', () => {
    const { data } = sampleInput('payment_pending', 'pt-BR');
    const codeOnly = {
      ...data,
      payment: { ...data.payment!, pix: { ...data.payment!.pix!, qr_code_base64: null, ticket_url: null, expires_at: null } },
    };
    const { html, text } = catalog.renderEmail('payment_pending', { locale: 'pt-BR', timeZone: 'America/Sao_Paulo', data: codeOnly });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('class="button"');
    expect(text).not.toContain('Prazo');
    expect(text).toContain('escolha Pix Copia e Cola e cole este código:');
  });

  it('links the boleto or payment slip when there is only a ticket URL', () => {
    const { html, text } = catalog.renderEmail('payment_pending', sampleInput('payment_pending', 'es-AR'));
    expect(html).toContain('>Ver cupón de pago</a>');
    expect(html).not.toContain('pix-code');
    expect(text).toContain('Mira tu cupón de pago y dónde pagarlo aquí: https://www.mercadopago.com.ar/payments/1325476982/ticket');
    expect(text).toContain('Fecha límite de pago: 14 de marzo de 2026 a las 11:59 p. m.\n');
    const boleto = catalog.renderEmail('payment_pending', { ...sampleInput('payment_pending', 'es-AR'), locale: 'pt-BR' });
    expect(boleto.html).toContain('>Ver boleto</a>');
  });

  it('needs the payment instructions', () => {
    const error = thrown(() => catalog.renderEmail('payment_pending', sampleInput('payment_pending', 'pt-BR', { payment: { pix: null } })));
    expect(error.message).toBe('template payment_pending (pt-BR, email) needs payment.pix');
  });
});

describe('email: optional parts', () => {
  it('offers the retry link of payment_rejected only when given one', () => {
    const withRetry = catalog.renderEmail('payment_rejected', sampleInput('payment_rejected', 'en'));
    expect(withRetry.html).toContain('<a class="button" href="https://andesoutdoor.cl/orders/CL-5531/pay"');
    const { data, ...rest } = sampleInput('payment_rejected', 'en');
    const { retry_url: _, ...withoutRetry } = data;
    const plain = catalog.renderEmail('payment_rejected', { ...rest, data: withoutRetry as TemplateData });
    expect(plain.html).not.toContain('class="button"');
    expect(plain.text).toContain('head back to the store and try again');
  });

  it('states the refunded amount and the order total', () => {
    const { text } = catalog.renderEmail('order_refunded', sampleInput('order_refunded', 'pt-BR'));
    expect(text).toContain(`Fizemos o reembolso de R$${NBSP}39,90 do seu pedido #1042, que teve o total de R$${NBSP}129,90.`);
  });
});

describe('email: missing data is an error, never a blank', () => {
  it('names the template, locale, channel and path', () => {
    const error = thrown(() => catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-BR', { order: { number: undefined } })));
    expect(error.code).toBe('template_variable_missing');
    expect(error.status).toBe(400);
    expect(error.message).toBe('template order_paid (pt-BR, email) needs order.number');
  });

  it('lists every missing path, items included', () => {
    const sample = sampleInput('order_refunded', 'es');
    const order = sample.data.order!;
    const broken = {
      ...sample.data,
      order: { ...order, amount_refunded: null, items: [order.items[0]!, { ...order.items[1]!, name: '' }] },
    };
    const error = thrown(() => catalog.renderEmail('order_refunded', { ...sample, data: broken as unknown as TemplateData }));
    expect(error.message).toBe('template order_refunded (es, email) needs order.amount_refunded, order.items[1].name');
  });

  it('refuses a value a helper cannot format, saying which template', () => {
    const error = thrown(() => catalog.renderEmail('order_paid', sampleInput('order_paid', 'en', { order: { amount_total: '499.60' } })));
    expect(error.code).toBe('template_variable_invalid');
    expect(error.message).toMatch(/^template order_paid \(en, email\): an amount must be a whole number of minor units, got "499.60"/);
  });

  it('says so for an unknown template and a bad time zone', () => {
    const unknown = thrown(() => catalog.renderEmail('order_shipped', sampleInput('order_paid', 'en')));
    expect([unknown.status, unknown.code]).toEqual([404, 'template_not_found']);
    expect(unknown.message).toContain('order_shipped');
    const zone = thrown(() => catalog.renderEmail('order_paid', { ...sampleInput('order_paid', 'en'), timeZone: 'Brasil/Sao_Paulo' }));
    expect(zone.code).toBe('timezone_invalid');
  });
});

describe('email: locale fallback', () => {
  it('reads the language files for a regional locale and formats the regional way', () => {
    const { subject, text } = catalog.renderEmail('order_paid', sampleInput('order_paid', 'es-AR'));
    expect(subject).toBe('Pago confirmado: pedido #A-2087');
    expect(text).toContain(`Total: $${NBSP}36.490,00`);
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'es')).text).toContain(`Total: 36.490,00${NBSP}ARS`);
  });

  it('reads pt-BR for pt and pt-PT, English for what it does not know', () => {
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt')).subject).toBe('Pagamento confirmado: pedido #1042');
    expect(catalog.renderEmail('order_paid', sampleInput('order_paid', 'pt-PT')).subject).toBe('Pagamento confirmado: pedido #1042');
    const german = catalog.renderEmail('order_paid', { ...sampleInput('order_paid', 'pt-BR'), locale: 'de-DE' });
    expect(german.subject).toBe('Payment confirmed for order #1042');
    expect(german.text).toContain('Total: R$129.90');
  });
});

describe('email: store overrides', () => {
  function overrides() {
    const dir = tempDir('baas-templates');
    return { dir, catalog: new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR, overridesDir: dir }) };
  }

  it("replace a file for that store only; the store's other files stay shipped", () => {
    const { dir, catalog: withOverrides } = overrides();
    write(join(dir, 'sto_ana', 'email', 'order_paid', 'pt-BR.subject.hbs'), 'Oba! Seu pedido {{order.number}} está pago');
    const sample = sampleInput('order_paid', 'pt-BR');
    const ana = withOverrides.renderEmail('order_paid', { ...sample, storeId: 'sto_ana' });
    expect(ana.subject).toBe('Oba! Seu pedido 1042 está pago');
    expect(ana.text).toContain('Recebemos o pagamento de');
    expect(withOverrides.renderEmail('order_paid', { ...sample, storeId: 'sto_bia' }).subject).toBe('Pagamento confirmado: pedido #1042');
    expect(withOverrides.renderEmail('order_paid', sample).subject).toBe('Pagamento confirmado: pedido #1042');
    expect(withOverrides.renderEmail('order_paid', { ...sample, locale: 'es', storeId: 'sto_ana' }).subject).toBe(
      'Pago confirmado: pedido #1042',
    );
  });

  it('can replace the layout, and add a locale we do not ship', () => {
    const { dir, catalog: withOverrides } = overrides();
    write(
      join(dir, 'sto_ana', 'email', '_layout.html.hbs'),
      '<style>.brand { color: #e11d48; }</style><div class="brand">{{store.name}}</div>{{> content}}',
    );
    write(join(dir, 'sto_ana', 'email', 'order_paid', 'es-AR.subject.hbs'), 'Che, tu pedido {{order.number}} ya está pago');
    const sample = { ...sampleInput('order_paid', 'es-AR'), storeId: 'sto_ana' };
    const email = withOverrides.renderEmail('order_paid', sample);
    expect(email.html).toMatch(/^<div class="brand" style="color: #e11d48;">Almacén Don Julio<\/div><h1/);
    expect(email.subject).toBe('Che, tu pedido A-2087 ya está pago');
  });

  it('picks up an edited override without a restart', () => {
    const { dir, catalog: withOverrides } = overrides();
    const file = join(dir, 'sto_ana', 'email', 'order_paid', 'en.subject.hbs');
    write(file, 'First {{order.number}}');
    const sample = { ...sampleInput('order_paid', 'en'), storeId: 'sto_ana' };
    expect(withOverrides.renderEmail('order_paid', sample).subject).toBe('First CL-5531');
    write(file, 'Second {{order.number}}');
    const later = new Date(Date.now() + 5000);
    // Same-millisecond writes share an mtime; move it so the change is visible.
    utimesSync(file, later, later);
    expect(withOverrides.renderEmail('order_paid', sample).subject).toBe('Second CL-5531');
  });

  it('names the file of a broken override', () => {
    const { dir, catalog: withOverrides } = overrides();
    const file = join(dir, 'sto_ana', 'email', 'order_paid', 'pt-BR.html.hbs');
    write(file, '<p>{{#if order.number}}unclosed</p>');
    const error = thrown(() => withOverrides.renderEmail('order_paid', { ...sampleInput('order_paid', 'pt-BR'), storeId: 'sto_ana' }));
    expect(error.code).toBe('template_invalid');
    expect(error.message).toContain(`template order_paid (pt-BR, email): ${file}: Parse error on line 1`);
    expect(error.message).not.toContain('\n');
    expect(() => withOverrides.renderEmail('order_paid', { ...sampleInput('order_paid', 'pt-BR'), storeId: 'sto_bia' })).not.toThrow();
  });

  it('reports a helper that does not exist as a broken template', () => {
    const { dir, catalog: withOverrides } = overrides();
    write(join(dir, 'sto_ana', 'email', 'order_paid', 'en.subject.hbs'), '{{shout order.number}}');
    const error = thrown(() => withOverrides.renderEmail('order_paid', { ...sampleInput('order_paid', 'en'), storeId: 'sto_ana' }));
    expect([error.code, error.message]).toEqual(['template_invalid', 'template order_paid (en, email): Missing helper: "shout"']);
  });

  it('refuses a store id that is not one', () => {
    const { catalog: withOverrides } = overrides();
    expect(thrown(() => withOverrides.renderEmail('order_paid', { ...sampleInput('order_paid', 'en'), storeId: '../../etc' })).code).toBe(
      'store_invalid',
    );
  });
});
