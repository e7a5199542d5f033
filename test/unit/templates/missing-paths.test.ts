import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { missingPaths } from '../../../src/modules/templates/missing-paths.js';

const HELPERS = new Set(['money', 't', 'if', 'each', 'with', 'unless']);

function missing(source: string, data: unknown, partials: Record<string, string> = {}): string[] {
  const parsed = new Map(Object.entries(partials).map(([name, text]) => [name, Handlebars.parse(text)]));
  return missingPaths({ program: Handlebars.parse(source), partials: parsed, helpers: HELPERS }, data);
}

describe('missingPaths', () => {
  it('requires what is printed or handed to a helper, and calls undefined, null and "" missing', () => {
    const source = '{{order.number}} {{money order.amount_total order.currency}} {{customer.name}} {{store.name}}';
    expect(missing(source, { order: { number: null, amount_total: 100 }, customer: { name: '' }, store: { name: 'Loja' } })).toEqual([
      'order.number',
      'order.currency',
      'customer.name',
    ]);
    expect(missing('{{money order.amount_total order.currency}}', { order: { amount_total: 0, currency: 'BRL' } })).toEqual([]);
  });

  it('lets #if and #unless guard a path, and checks only the branch taken', () => {
    const source = '{{#if payment.pix.qr_code}}{{payment.pix.qr_code}} {{payment.pix.expires_at}}{{else}}{{retry_url}}{{/if}}';
    expect(missing(source, {})).toEqual(['retry_url']);
    expect(missing(source, { payment: { pix: { qr_code: '000201…' } } })).toEqual(['payment.pix.expires_at']);
    expect(missing('{{#unless customer.name}}{{store.name}}{{/unless}}', { customer: { name: 'Ana' } })).toEqual([]);
    expect(missing('{{#if order.shipping_amount}}{{x}}{{/if}}', { order: { shipping_amount: 0 } })).toEqual([]);
    expect(missing('{{#if order.shipping_amount includeZero=true}}{{x}}{{/if}}', { order: { shipping_amount: 0 } })).toEqual(['x']);
  });

  it('requires the list of #each and checks every item, with ../ and @root reaching out', () => {
    const source = '{{#each order.items}}{{name}} {{money amount ../order.currency}} {{@root.store.name}} {{@index}}{{/each}}';
    const data = { order: { currency: 'BRL', items: [{ name: 'Caneca', amount: 3510 }, { amount: 7980 }] }, store: {} };
    expect(missing(source, data)).toEqual(['store.name', 'order.items[1].name']);
    expect(missing(source, { order: { items: [] } })).toEqual([]);
    expect(missing(source, {})).toEqual(['order.items']);
  });

  it('requires the subject of #with and resolves inside it', () => {
    const source = '{{#with payment.pix}}{{#if qr_code}}{{qr_code}}{{/if}}{{ticket_url}}{{/with}}';
    expect(missing(source, {})).toEqual(['payment.pix']);
    expect(missing(source, { payment: { pix: { qr_code: null } } })).toEqual(['payment.pix.ticket_url']);
  });

  it('follows partials where they are included, and hash arguments of helpers', () => {
    const partials = { greeting: '{{#if customer.name}}{{t "named" name=customer.name}}{{/if}}', items: '{{order.number}}' };
    expect(missing('{{> greeting}} {{> items}} {{t "hello" store=store.name}}', { customer: {} }, partials)).toEqual([
      'order.number',
      'store.name',
    ]);
  });

  it('does not let ../ climb out of a partial, as Handlebars does not (@root does)', () => {
    const partials = { line: '{{name}} {{money amount ../order.currency}}', rooted: '{{name}} {{money amount @root.order.currency}}' };
    const data = { order: { currency: 'BRL', first: { name: 'Caneca', amount: 3510 }, items: [{ name: 'Caneca', amount: 3510 }] } };
    expect(missing('{{#each order.items}}{{> line}}{{/each}}', data, partials)).toEqual(['../order.currency']);
    expect(missing('{{> line order.first}}', data, partials)).toEqual(['../order.currency']);
    expect(missing('{{#each order.items}}{{> rooted}}{{/each}} {{> rooted order.first}}', data, partials)).toEqual([]);
    expect(missing('{{#each order.items}}{{../order.currency}}{{/each}}', data)).toEqual([]);
  });
});
