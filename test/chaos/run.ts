/**
 * `npm run chaos [-- crash|receiver|fuzz …] [--short] [--seed N]`: the reliability scenarios
 * of issue 12, each printing a summary table; exits 1 when any invariant breaks. A run is
 * replayed with its seed (printed in each table's title; CHAOS_SEED works too).
 */
import { CRASH_FULL, CRASH_SHORT, crashScenario } from './crash.js';
import { FUZZ_FULL, FUZZ_SHORT, fuzzScenario } from './fuzz.js';
import { RECEIVER_FULL, RECEIVER_SHORT, receiverScenario } from './receiver-chaos.js';
import { passed, renderScenario, type ScenarioResult } from './scenario.js';

const args = process.argv.slice(2);
const short = args.includes('--short');
const seedFlag = args.indexOf('--seed');
const seed = Number(seedFlag >= 0 ? args[seedFlag + 1] : (process.env.CHAOS_SEED ?? Date.now() % 2 ** 31));
const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  crash: () => crashScenario({ seed, ...(short ? CRASH_SHORT : CRASH_FULL) }),
  receiver: () => receiverScenario({ seed, ...(short ? RECEIVER_SHORT : RECEIVER_FULL) }),
  fuzz: () => fuzzScenario({ seed, ...(short ? FUZZ_SHORT : FUZZ_FULL) }),
};
const chosen = args.filter((arg) => arg in scenarios);

let ok = true;
for (const name of chosen.length ? chosen : Object.keys(scenarios)) {
  process.stderr.write(`chaos: ${name}${short ? ' (short)' : ''}, seed ${seed}\n`);
  const result = await scenarios[name]!();
  ok &&= passed(result);
  process.stdout.write(`\n${renderScenario(result)}\n`);
}
process.exit(ok ? 0 : 1);
