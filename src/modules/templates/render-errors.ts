import { AppError, invalidRequest, invalidState } from '../../shared/errors.js';
import type { ChannelName } from '../messages/channel.js';

/** `template order_paid (pt-BR, email)`: what every render error starts with. */
export const renderLabel = (name: string, locale: string, channel: ChannelName) => `template ${name} (${locale}, ${channel})`;

export const variablesMissing = (label: string, paths: string[]) =>
  invalidRequest('template_variable_missing', `${label} needs ${paths.join(', ')}`, 'data');

/** Runs a render, putting the label in front of whatever went wrong inside it. */
export function labelled<T>(label: string, render: () => T): T {
  try {
    return render();
  } catch (error) {
    // variablesMissing already reads as one sentence about this render.
    if (error instanceof AppError && error.message.startsWith(label)) throw error;
    if (error instanceof AppError) {
      throw new AppError(error.status, error.type, error.code, `${label}: ${error.message}`, { param: error.param, cause: error });
    }
    // Handlebars' own runtime errors (a helper or partial that does not exist) mean the template is broken.
    throw invalidState('template_invalid', `${label}: ${(error as Error).message}`);
  }
}
