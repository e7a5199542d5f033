import { invalidRequest } from '../../shared/errors.js';
import { EVENT_TYPES } from '../events/event-types.js';

const RESOURCES = new Set(EVENT_TYPES.map((type) => type.split('.')[0]!));
const TYPES = new Set<string>(EVENT_TYPES);

/** `*`, `<resource>.*` or an exact event type; anything else is refused, naming the entry. */
export function checkEventPatterns(patterns: string[]): string[] {
  patterns.forEach((pattern, index) => {
    const resource = pattern.endsWith('.*') ? pattern.slice(0, -2) : null;
    if (pattern === '*' || TYPES.has(pattern) || (resource && RESOURCES.has(resource))) return;
    throw invalidRequest(
      'unknown_event_type',
      `"${pattern}" is not an event type; use "*", "<resource>.*" (${[...RESOURCES].join(', ')}) or a name such as payment.approved.`,
      `enabled_events[${index}]`,
    );
  });
  return [...new Set(patterns)];
}

export function matchesEvent(patterns: string[], type: string): boolean {
  return patterns.some(
    (pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}
