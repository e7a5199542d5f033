import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('baas --help', () => {
  it('lists the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['start', 'migrate', 'doctor', 'init']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(['start', 'migrate', 'doctor', 'init'])('teaches `%s` with examples and --json', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('EXAMPLES');
    expect(result.stdout).toContain('--json');
  });
});
