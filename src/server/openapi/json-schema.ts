import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema 2020-12, the dialect of OpenAPI 3.1. Schemas with a component name are
 * collected once into `components` and referenced from everywhere else; a schema with an example
 * carries it. Bodies convert as `input` (before defaults and transforms), answers as `output`.
 */
export class JsonSchemas {
  readonly components: Record<string, JsonSchema> = {};

  constructor(
    private readonly names: ReadonlyMap<z.ZodType, string>,
    private readonly examples: ReadonlyMap<z.core.$ZodType, unknown>,
  ) {}

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      metadata: this.metadata(),
      override: ({ zodSchema, jsonSchema }) => {
        const example = this.examples.get(zodSchema);
        if (example !== undefined) jsonSchema.examples = [example];
      },
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = converted;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.addComponent(name, definition);
    return toComponentRefs(root) as JsonSchema;
  }

  /** zod reads descriptions from its global registry and `id`s from the same place: ours are added on top. */
  private metadata(): z.core.$ZodRegistry<Record<string, unknown>> {
    const get = (schema: z.ZodType) => {
      const name = this.names.get(schema);
      const meta = z.globalRegistry.get(schema);
      return name ? { ...meta, id: name } : meta;
    };
    return { get } as unknown as z.core.$ZodRegistry<Record<string, unknown>>;
  }

  private addComponent(name: string, definition: JsonSchema): void {
    const schema = toComponentRefs(definition) as JsonSchema;
    const known = this.components[name];
    // One name, one shape: an input and an output rendering of the same schema would differ.
    if (known && !isDeepStrictEqual(known, schema)) throw new Error(`OpenAPI: component ${name} has two different shapes`);
    this.components[name] = schema;
  }
}

function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key === '$ref' && typeof inner === 'string'
        ? [key, inner.replace('#/$defs/', '#/components/schemas/')]
        : [key, toComponentRefs(inner)],
    ),
  );
}
