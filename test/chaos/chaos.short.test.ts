import { describe, expect, it } from 'vitest';
import { CRASH_SHORT, crashScenario } from './crash.js';
import { FUZZ_SHORT, fuzzScenario } from './fuzz.js';
import { RECEIVER_SHORT, receiverScenario } from './receiver-chaos.js';
import { passed, renderScenario, type ScenarioResult } from './scenario.js';

// `npm run chaos` at a size that fits in `npm test`; a failure prints the scenario's table and its seed.
const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 2 ** 31);

function expectPassed(result: ScenarioResult): void {
  expect(passed(result), renderScenario(result)).toBe(true);
}

describe('chaos, short', () => {
  it('crash: a notification burst with SIGKILLs loses and duplicates nothing', { timeout: 120_000 }, async () => {
    expectPassed(await crashScenario({ seed, ...CRASH_SHORT }));
  });

  it('receiver chaos: every event reaches a failing storefront once', { timeout: 120_000 }, async () => {
    expectPassed(await receiverScenario({ seed, ...RECEIVER_SHORT }));
  });

  it('fuzz: hostile requests get 4xx and change nothing', { timeout: 120_000 }, async () => {
    expectPassed(await fuzzScenario({ seed, ...FUZZ_SHORT }));
  });
});
