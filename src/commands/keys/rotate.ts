import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { parseDuration } from '../../cli/duration-flag.js';
import { cellDate } from '../../cli/render-store.js';
import { issuedKeyLines, keyJson } from '../../cli/render-key.js';

/** `24h`, `30m`, `7d`, `0`… as milliseconds, at most a year: longer and the old key is not being rotated out, just kept. */
export function parseGrace(value: string): number {
  return parseDuration(value, { flag: 'grace', allowZero: true, max: '365d', note: '0 stops the old key at once' });
}

export default class KeysRotate extends BaasCommand {
  static override summary = 'Replace an API key: a new one now, the old one works until the grace period ends';
  static override description = `Issues a new key of the same store, mode and kind and prints it once. The old key keeps working for --grace (default 24h) so the storefront can be redeployed with the new key without downtime; then it stops (401). --grace 0 stops it at once. A grace never extends a key that already expires sooner.`;

  static override examples = [
    { description: 'Rotate with a day of overlap', command: '<%= config.bin %> <%= command.id %> key_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    { description: 'One hour of overlap', command: '<%= config.bin %> <%= command.id %> key_01jq3v6z8m4c2r9t7w5x0y1k3n --grace 1h' },
    {
      description: 'For a script: the new key is in .secret',
      command: '<%= config.bin %> <%= command.id %> key_01jq3v6z8m4c2r9t7w5x0y1k3n --json',
    },
  ];

  static override args = {
    key: Args.string({ required: true, description: 'id of the key to replace (key_…)' }),
  };

  static override flags = {
    grace: Flags.string({ description: 'how long the old key keeps working: 30m, 24h, 7d; 0 for not at all', default: '24h' }),
  };

  async run() {
    const { args, flags } = await this.parse(KeysRotate);
    const graceMs = parseGrace(flags.grace);
    return this.withInstance(async (instance) => {
      const { issued, previous } = await instance.keys.rotate(args.key, graceMs);
      const now = instance.clock.now();
      this.log(`New ${issued.apiKey.mode} ${issued.apiKey.kind} key (${issued.apiKey.id}):`);
      for (const line of issuedKeyLines(issued.secret)) this.log(line);
      this.log(
        `The old key ${previous.prefix} (${previous.id}) ${previous.expiresAt && previous.expiresAt > now ? 'keeps working until' : 'stopped working at'} ${cellDate(previous.expiresAt)}.`,
      );
      return { ...keyJson(issued.apiKey, now), secret: issued.secret, previous: keyJson(previous, now) };
    });
  }
}
