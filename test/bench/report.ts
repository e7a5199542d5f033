import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderTable } from '../../src/cli/table.js';
import { describeTarget, meets, type Figure } from './figures.js';

export interface BenchReport {
  measured_at: string;
  node: string;
  platform: string;
  cpus: number;
  load_seconds: number;
  wall_seconds: number;
  figures: (Figure & { meets: boolean | null })[];
}

export function buildReport(figures: Figure[], context: Omit<BenchReport, 'figures'>): BenchReport {
  return { ...context, figures: figures.map((figure) => ({ ...figure, meets: meets(figure) })) };
}

export function renderReport(report: BenchReport): string {
  const rows = report.figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.ratio ? `${f.ratio.value.toFixed(2)}× ${f.ratio.to}` : '',
    describeTarget(f),
    f.meets === null ? '' : f.meets ? '✓' : '✗',
    f.note ?? '',
  ]);
  const passed = report.figures.filter((f) => f.meets === true).length;
  const judged = report.figures.filter((f) => f.meets !== null).length;
  return [
    `baas bench — ${report.measured_at}, node ${report.node}, ${report.platform}, ${report.cpus} CPUs, ${report.load_seconds} s per load, ${report.wall_seconds} s in all`,
    renderTable(['case', 'figure', 'vs baseline', 'target', '', 'note'], rows),
    `${passed} of ${judged} targets met`,
  ].join('\n');
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
