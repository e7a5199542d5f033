import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isDeadLocalWorker, workerIdentity } from '../../../src/modules/jobs/worker-identity.js';

describe('worker identity', () => {
  it('names host and process, and tells a dead local worker from a live or remote one', () => {
    const me = workerIdentity();
    expect(me).toMatch(new RegExp(`^${hostname()}:${process.pid}:[0-9a-f]{8}$`));
    expect(workerIdentity()).not.toBe(me);
    expect(isDeadLocalWorker(me)).toBe(false);
    expect(isDeadLocalWorker(`${hostname()}:${process.ppid}:abcd0123`)).toBe(false);
    const finished = spawnSync(process.execPath, ['-e', '0']);
    expect(isDeadLocalWorker(`${hostname()}:${finished.pid}:abcd0123`)).toBe(true);
    expect(isDeadLocalWorker(`another-host:${finished.pid}:abcd0123`)).toBe(false);
    expect(isDeadLocalWorker('worker_01abc')).toBe(false);
  });
});
