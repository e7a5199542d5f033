import type Handlebars from 'handlebars';
import { FileCache } from './file-cache.js';

export interface CompiledTemplate {
  /** The parsed template, for missing-paths.ts. */
  program: hbs.AST.Program;
  render: Handlebars.TemplateDelegate;
}

/**
 * Handlebars files of one kind, compiled once per version: HTML escapes every value, text
 * (`.txt.hbs` and subjects) does not. Parsing first reports a syntax error with the file's name.
 */
export function templateCompiler(environment: () => typeof Handlebars, options: { noEscape: boolean }): FileCache<CompiledTemplate> {
  return new FileCache((source) => {
    const env = environment();
    const program = env.parse(source);
    return { program, render: env.compile(program, options) };
  });
}
