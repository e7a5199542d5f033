import { asObject } from '../mercadopago/context.js';
import { invalidParameter, whatsappError } from './errors.js';
import type { ApprovedTemplate } from './state.js';

/**
 * Checks a `template` object against the approved templates the way Meta does: the
 * (name, language) pair must be approved (132001), the body must carry as many parameters as the
 * template has variables, under its names when it is NAMED (132000), each well formed (131009).
 */
export function checkTemplate(approved: readonly ApprovedTemplate[], value: unknown): { name: string; language: string } {
  const template = asObject(value);
  if (!template) throw invalidParameter('The parameter template is required.');
  const name = template.name;
  const language = asObject(template.language)?.code;
  if (typeof name !== 'string' || name === '') throw invalidParameter("The parameter template['name'] is required.");
  if (typeof language !== 'string' || language === '') throw invalidParameter("The parameter template['language']['code'] is required.");
  const found = approved.find((candidate) => candidate.name === name && candidate.language === language);
  if (!found) throw whatsappError(132001, `template name (${name}) does not exist in ${language}`);
  checkParameters(found, bodyParameters(template.components));
  return { name, language };
}

function bodyParameters(components: unknown): unknown[] {
  if (components === undefined) return [];
  if (!Array.isArray(components)) throw invalidParameter("Param template['components'] must be an array.");
  const body = components.map(asObject).find((component) => component?.type === 'body');
  return Array.isArray(body?.parameters) ? body.parameters : [];
}

function checkParameters(template: ApprovedTemplate, parameters: unknown[]): void {
  const expected = template.parameters;
  if (parameters.length !== expected.length) {
    throw whatsappError(
      132000,
      `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected.length})`,
    );
  }
  const names = parameters.map((parameter, index) => checkValue(parameter, index));
  // Positional templates ({{1}}, {{2}}) go by order; NAMED ones are matched by name.
  if (expected.every((name) => /^\d+$/.test(name))) return;
  const missing = expected.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw whatsappError(132000, `body: parameter names (${names.join(', ')}) do not match the template's (${expected.join(', ')})`);
  }
}

/** Returns the parameter's name (undefined for a positional one). */
function checkValue(value: unknown, index: number): string | undefined {
  const parameter = asObject(value);
  const invalid = (why: string) => whatsappError(131009, `body: parameter ${index + 1}: ${why}`);
  if (!parameter) throw invalid('must be an object');
  const name = parameter.parameter_name;
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw invalid('parameter_name must be a non-empty string');
  switch (parameter.type) {
    case 'text':
      if (typeof parameter.text !== 'string' || parameter.text.trim() === '') throw invalid('text must be a non-empty string');
      break;
    case 'currency': {
      const currency = asObject(parameter.currency);
      if (typeof currency?.fallback_value !== 'string' || currency.fallback_value === '')
        throw invalid('currency.fallback_value is required');
      if (typeof currency.code !== 'string' || !/^[A-Z]{3}$/.test(currency.code)) throw invalid('currency.code must be an ISO 4217 code');
      if (!Number.isInteger(currency.amount_1000)) throw invalid('currency.amount_1000 must be an integer');
      break;
    }
    case 'date_time':
      if (typeof asObject(parameter.date_time)?.fallback_value !== 'string') throw invalid('date_time.fallback_value is required');
      break;
    default:
      throw invalid(`type ${String(parameter.type)} is not one of text, currency, date_time`);
  }
  return name as string | undefined;
}
