import { expect } from 'vitest';
import type { RenderInput } from '../../../src/modules/templates/catalog.js';
import { mergeData } from '../../../src/shared/merge-data.js';
import { templateSample } from '../../../src/modules/templates/samples.js';
import type { TemplateName } from '../../../src/modules/templates/template-names.js';
import { AppError } from '../../../src/shared/errors.js';

export const NBSP = '\u00a0';

/** The template's sample for the locale, with `patch` merged over its data. */
export function sampleInput(name: TemplateName, locale: string, patch: Record<string, unknown> = {}): RenderInput {
  const sample = templateSample(name, locale);
  return { locale, timeZone: sample.timeZone, data: mergeData(sample.data, patch) };
}

/** The AppError a render throws (failing the test when it throws none, or something else). */
export function thrown(render: () => unknown): AppError {
  try {
    render();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the render to fail');
}
