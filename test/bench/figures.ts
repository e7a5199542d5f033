/** One measured figure of `npm run bench`, with what it is compared to and the target it answers to. */
export interface Figure {
  /** Stable key for machines (`--json`, bench/results/latest.json). */
  id: string;
  name: string;
  value: number;
  unit: string;
  /** value ÷ a figure measured in the same run (bare Koa, `node -e 0`, the direct SDK call…). */
  ratio?: { value: number; to: string };
  target?: Target;
  /** Measured next to the figure and needed to read it (errors under load, samples). */
  note?: string;
}

export interface Target {
  /** Whether the target bounds the figure itself or its ratio to the baseline. */
  on: 'value' | 'ratio';
  op: '>=' | '<=' | '<';
  limit: number;
  /** The issue that set it. */
  issue: number;
}

export function meets(figure: Figure): boolean | null {
  const { target } = figure;
  if (!target) return null;
  const actual = target.on === 'ratio' ? figure.ratio?.value : figure.value;
  if (actual === undefined || !Number.isFinite(actual)) return false;
  if (target.op === '>=') return actual >= target.limit;
  if (target.op === '<=') return actual <= target.limit;
  return actual < target.limit;
}

export function describeTarget(figure: Figure): string {
  const { target } = figure;
  if (!target) return '';
  const limit = target.on === 'ratio' ? `${target.limit}× ${figure.ratio?.to ?? ''}`.trim() : `${target.limit} ${figure.unit}`;
  return `${target.op.replace('>=', '≥').replace('<=', '≤')} ${limit} (#${target.issue})`;
}
