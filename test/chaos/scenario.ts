import { renderTable } from '../../src/cli/table.js';

/** One line of a scenario's summary: what was measured or checked, and whether it holds. */
export interface Check {
  what: string;
  value: string | number;
  /** null: a figure, not an invariant. */
  ok: boolean | null;
}

export interface ScenarioResult {
  name: string;
  seed: number;
  seconds: number;
  checks: Check[];
  /** Specimens of whatever broke an invariant (ids, requests), for whoever fixes it. */
  failures: string[];
}

export const passed = (result: ScenarioResult): boolean => result.checks.every((check) => check.ok !== false);

export const figure = (what: string, value: string | number): Check => ({ what, value, ok: null });

export const invariant = (what: string, value: string | number, ok: boolean): Check => ({ what, value, ok });

export function renderScenario(result: ScenarioResult): string {
  const rows = result.checks.map((c) => [c.what, c.value, c.ok === null ? '' : c.ok ? '✓' : '✗']);
  const lines = [
    `${result.name} — seed ${result.seed}, ${result.seconds} s: ${passed(result) ? 'every invariant holds' : 'INVARIANT BROKEN'}`,
    renderTable(['check', 'value', ''], rows),
  ];
  if (result.failures.length) lines.push(...result.failures.slice(0, 20).map((f) => `  ✗ ${f}`));
  return lines.join('\n');
}
