/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export const percentile = <T>(sorted: T[], p: number): T => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

export const median = (samples: number[]): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

export const round1 = (value: number): number => Math.round(value * 10) / 10;
