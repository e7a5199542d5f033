import { z } from 'zod';
import { validate } from '../../shared/validate.js';

const dataPath = z.string().regex(/^[A-Za-z_]\w*(\.\w+)*$/, 'must be a data path such as order.number');
// Meta's rule for named parameters.
const parameterName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _');

const WhatsAppParameterSpec = z.discriminatedUnion('type', [
  z.strictObject({ name: parameterName, type: z.literal('text'), value: dataPath }),
  z.strictObject({ name: parameterName, type: z.literal('currency'), amount: dataPath, currency: dataPath }),
  z.strictObject({ name: parameterName, type: z.literal('date_time'), value: dataPath }),
]);
export type WhatsAppParameterSpec = z.infer<typeof WhatsAppParameterSpec>;

/**
 * `templates/whatsapp/<name>.json`: a template as submitted to Meta for approval, and how our
 * data fills its body parameters, in order. `locales` maps our locale to the approved
 * translation's language code and body (`{{parameter}}` placeholders).
 */
const WhatsAppDefinition = z.strictObject({
  /** The approved template's name; ours when absent. */
  name: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits and _')
    .optional(),
  category: z.literal('UTILITY'),
  parameter_format: z.literal('NAMED'),
  parameters: z.array(WhatsAppParameterSpec).min(1),
  locales: z.record(
    z.string(),
    z.strictObject({
      language_code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a WhatsApp language code such as pt_BR'),
      body: z.string().min(1).max(1024),
    }),
  ),
});
export type WhatsAppDefinition = z.infer<typeof WhatsAppDefinition>;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export const placeholdersOf = (body: string): string[] => [...body.matchAll(PLACEHOLDER)].map((match) => match[1]!);

export const fillPlaceholders = (body: string, values: Record<string, string>): string =>
  body.replace(PLACEHOLDER, (_, name: string) => values[name]!);

/** Meta rejects a body whose placeholders do not match the parameters, or that starts or ends with one. */
function checkBodies(definition: WhatsAppDefinition): void {
  const names = definition.parameters.map((parameter) => parameter.name);
  if (new Set(names).size !== names.length) throw new Error(`parameter names must be unique: ${names.join(', ')}`);
  for (const [locale, { body }] of Object.entries(definition.locales)) {
    const used = placeholdersOf(body);
    const unknown = used.filter((name) => !names.includes(name));
    const unused = names.filter((name) => !used.includes(name));
    if (unknown.length) throw new Error(`locales.${locale}.body uses {{${unknown.join('}}, {{')}}}, which no parameter defines`);
    if (unused.length) throw new Error(`locales.${locale}.body never uses {{${unused.join('}}, {{')}}}`);
    if (/^\s*\{\{|\}\}\s*$/.test(body)) throw new Error(`locales.${locale}.body must not start or end with a parameter`);
  }
}

export function parseWhatsAppDefinition(text: string): WhatsAppDefinition {
  const definition = validate(WhatsAppDefinition, JSON.parse(text), 'WhatsApp template');
  checkBodies(definition);
  return definition;
}

/** The data paths each parameter reads, in order. */
export const parameterPaths = (parameter: WhatsAppParameterSpec): string[] =>
  parameter.type === 'currency' ? [parameter.amount, parameter.currency] : [parameter.value];
