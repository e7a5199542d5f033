import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createTenant, SAMPLE_ORDER } from '../helpers/api.js';
import { BIN, runCli, type CliResult } from '../helpers/cli.js';
import { json, startTestServer, type TestServer } from '../helpers/server.js';

// The server runs in this process over a real SQLite file; the built CLI opens the same file.

interface Receiver {
  url: string;
  /** What it answers from now on. */
  status: number;
  received: { eventId: string; answered: number }[];
}

const receivers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    receivers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** The storefront's webhook URL on 127.0.0.1: records each delivery and answers `status`. */
async function receiver(): Promise<Receiver> {
  const state: Receiver = { url: '', status: 500, received: [] };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.received.push({ eventId: String(req.headers['webhook-id']), answered: state.status });
      res.writeHead(state.status).end();
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return state;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A store ("loja-da-ana") with one endpoint that answers 500, and `orders` orders whose
 * `order.created` deliveries have each failed once.
 */
async function failingStore(orders: number) {
  const server = await startTestServer({ env: { BAAS_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const tenant = await createTenant(server, 'Loja da Ana');
  const hook = await receiver();
  const since = new Date(Date.now() - 1000);
  const endpoint = await json(
    await call(server, tenant.keys.test, '/v1/webhook_endpoints', { body: { url: hook.url, enabled_events: ['order.*'] } }),
  );
  expect(endpoint.id).toMatch(/^we_/);
  for (let i = 0; i < orders; i++) expect((await call(server, tenant.keys.test, '/v1/orders', { body: SAMPLE_ORDER })).status).toBe(201);
  const failed = await waitFor('a failed attempt per order', async () => {
    const pairs = await server.instance.webhookReplay.failed({ since, storeId: tenant.storeId });
    return pairs.length === orders && pairs;
  });
  const eventIds = failed.map((f) => f.eventId);
  const env = { BAAS_DATA_DIR: server.dataDir };
  const cli = (...args: string[]): Promise<CliResult> => runCli(args, { env });
  const cliJson = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  return { server, tenant, hook, endpoint, eventIds, env, cli, cliJson };
}

/** Jobs a bulk replay queued (its dedupe keys start with `whr:`). */
async function replayJobs(server: TestServer): Promise<number> {
  const [row] = await server.instance.orm.em
    .fork()
    .execute<{ n: number }[]>(`select count(*) as n from jobs where dedupe_key like 'whr:%'`);
  return Number(row!.n);
}

describe('baas webhooks', { timeout: 90_000 }, () => {
  it("shows endpoints' health and failed attempts, re-sends one event, and refuses bad input in one line", async () => {
    const { server, tenant, hook, endpoint, eventIds, cli, cliJson } = await failingStore(3);

    const [endpoints, endpointsTable, deliveries, deliveriesTable] = await Promise.all([
      cliJson('webhooks', 'endpoints', 'loja-da-ana'),
      cli('webhooks', 'endpoints', tenant.storeId),
      cliJson('webhooks', 'deliveries', '--store', 'loja-da-ana', '--status', 'failed', '--since', '1h'),
      cli('webhooks', 'deliveries', '--endpoint', endpoint.id, '--status', 'failed', '--limit', '2'),
    ]);

    expect(endpoints).toMatchObject({ object: 'list', has_more: false });
    expect(endpoints.data).toHaveLength(1);
    expect(endpoints.data[0]).toMatchObject({
      id: endpoint.id,
      object: 'webhook_endpoint',
      url: hook.url,
      enabled_events: ['order.*'],
      status: 'enabled',
      disabled_reason: null,
      livemode: false,
      last_success_at: null,
      failing_since: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      // Each failed delivery waits in the queue for its next retry.
      pending: 3,
    });
    expect(endpoints.data[0]).not.toHaveProperty('secret');
    expect(endpointsTable.code).toBe(0);
    expect(endpointsTable.stdout).toMatch(
      new RegExp(`│ ${endpoint.id} │ test +│ ${hook.url} +│ enabled +│ — +│ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +│ 3 +│`),
    );

    expect(deliveries.object).toBe('list');
    expect(new Set(deliveries.data.map((d: { event_id: string }) => d.event_id))).toEqual(new Set(eventIds));
    for (const delivery of deliveries.data) {
      expect(delivery).toMatchObject({
        id: expect.stringMatching(/^wd_/),
        object: 'webhook_delivery',
        endpoint_id: endpoint.id,
        trigger: 'scheduled',
        status: 'failed',
        status_code: 500,
        error_class: 'non_2xx',
        livemode: false,
      });
    }
    expect(deliveries.data.map((d: { id: string }) => d.id)).toEqual(
      deliveries.data
        .map((d: { id: string }) => d.id)
        .sort()
        .reverse(),
    );
    expect(deliveriesTable.code).toBe(0);
    expect(deliveriesTable.stdout).toMatch(
      new RegExp(`│ wd_\\w+ │ \\S+Z │ ${endpoint.id} │ evt_\\w+ │ \\d +│ scheduled │ failed 500 │ \\d+ ms +│ non_2xx │ \\S+Z +│`),
    );
    expect(deliveriesTable.stdout.match(/│ wd_/g)).toHaveLength(2);
    expect(deliveriesTable.stdout).toContain('The 2 newest shown');

    // Re-send the newest event now that the storefront is fixed.
    hook.status = 200;
    const eventId = eventIds.at(-1)!;
    const [replayed, ...refused] = await Promise.all([
      cli('webhooks', 'replay', eventId),
      cli('webhooks', 'deliveries', '--since', 'soon'),
      cli('webhooks', 'replay', '--store', 'loja-da-ana', '--since', '24', '--json'),
      cli('webhooks', 'replay', '--store', 'loja-da-ana'),
      cli('webhooks', 'replay', eventId, '--since', '1h'),
      cli('webhooks', 'replay', 'evt_nope'),
    ]);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain(`Queued ${eventId} (order.created) again for 1 endpoint:\n  ${endpoint.id}\n`);
    server.runner.wake(); // the CLI's process cannot wake this one's runner; its sweep would, within 10 s
    const redelivered = await waitFor('the manual redelivery to succeed', async () => {
      const page = await json(await call(server, tenant.keys.test, `/v1/webhook_endpoints/${endpoint.id}/deliveries?status=succeeded`));
      return page.data.find((d: { event_id: string; trigger: string }) => d.event_id === eventId && d.trigger === 'manual');
    });
    expect(redelivered).toMatchObject({ status: 'succeeded', status_code: 200 });
    expect(hook.received).toContainEqual({ eventId, answered: 200 });

    const [badSince, badSinceJson, noSince, mixed, unknown] = refused;
    expect(badSince!.code).toBe(1);
    expect(badSince!.stdout).toBe('');
    expect(badSince!.stderr).toBe('✗ --since: "soon" is not a duration between 1s and 365d; use e.g. 30m, 24h or 7d.\n');
    expect(badSinceJson!.code).toBe(1);
    expect(JSON.parse(badSinceJson!.stdout)).toMatchObject({
      error: { code: 'parameter_invalid', param: 'since', message: expect.stringContaining('(a number needs a unit)') },
    });
    expect(noSince!.code).toBe(1);
    expect(noSince!.stderr).toMatch(/^✗ Give an EVENT_ID to re-send one event, or --since \(e\.g\. --since 24h\).*\n$/);
    expect(mixed!.code).toBe(1);
    expect(mixed!.stderr).toMatch(/^✗ --since is for a bulk replay, which takes no EVENT_ID.*\n$/);
    expect(unknown!.code).toBe(1);
    expect(unknown!.stderr).toBe('✗ No such event: evt_nope\n');
  });

  it('bulk replay: --dry-run queues nothing, Ctrl-C stops after the current pair, re-running resumes without sending twice', async () => {
    const pairs = 80;
    const { server, tenant, endpoint, eventIds, env, cli, cliJson } = await failingStore(pairs);
    // With the endpoint disabled the server drops what is queued instead of failing again, so the
    // failures (and their dedupe keys) stay the same from one run to the next.
    const patched = await call(server, tenant.keys.test, `/v1/webhook_endpoints/${endpoint.id}`, {
      method: 'PATCH',
      body: { status: 'disabled' },
    });
    expect(patched.status).toBe(200);
    const bulk = ['webhooks', 'replay', '--store', 'loja-da-ana', '--since', '1h', '--status', 'failed'];

    const [dryRun, dryRunTable] = await Promise.all([cliJson(...bulk, '--dry-run'), cli(...bulk, '--dry-run')]);
    expect(dryRun).toMatchObject({ dry_run: true, matched: pairs, queued: 0, skipped: 0, interrupted: false });
    expect(dryRun.pairs.map((p: { event_id: string }) => p.event_id)).toEqual(eventIds);
    expect(dryRun.pairs[0]).toEqual({
      event_id: eventIds[0],
      endpoint_id: endpoint.id,
      store_id: tenant.storeId,
      last_attempt_id: expect.stringMatching(/^wd_/),
    });
    expect(dryRunTable.stdout).toMatch(
      new RegExp(`^${pairs} failed deliveries since \\S+Z would be replayed \\(dry run: nothing queued\\):`),
    );
    expect(dryRunTable.stdout).toContain(`│ ${eventIds[0]} │ ${endpoint.id} │ ${tenant.storeId} │ wd_`);
    expect(await replayJobs(server)).toBe(0);

    // Paced at 50 a second, 80 pairs take over a second and a half: interrupt once some are queued.
    const child = spawn(process.execPath, [BIN, ...bulk], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAAS_LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor('the first pairs to be queued', async () => (await replayJobs(server)) >= 5);
    child.kill('SIGINT');
    expect(await exited, stdout + stderr).toBe(130);
    const firstRun = await replayJobs(server);
    expect(firstRun).toBeGreaterThanOrEqual(5);
    expect(firstRun).toBeLessThan(pairs);
    expect(stderr).toBe(''); // no progress bar without a terminal
    expect(stdout).toContain(
      `Interrupted after ${firstRun} of ${pairs} pairs. Re-run the same command to resume: pairs already queued are skipped, nothing is sent twice.`,
    );
    expect(stdout).toContain(`Queued ${firstRun}, already queued 0 (skipped), total ${pairs} failed deliveries since`);

    const resumed = await cli(...bulk);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      new RegExp(
        `^Queued ${pairs - firstRun}, already queued ${firstRun} \\(skipped\\), total ${pairs} failed deliveries since \\S+Z\\.$`,
        'm',
      ),
    );
    expect(resumed.stdout).toContain('not sent twice');
    expect(await replayJobs(server)).toBe(pairs);

    const again = await cliJson(...bulk);
    expect(again).toMatchObject({ dry_run: false, matched: pairs, queued: 0, skipped: pairs, interrupted: false });
    expect(again.pairs).toEqual(dryRun.pairs);
    expect(await replayJobs(server)).toBe(pairs);
  });

  it('teaches every webhooks command with examples and --json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8'));
    for (const name of ['endpoints', 'deliveries', 'replay']) {
      const command = manifest.commands[`webhooks:${name}`];
      expect(command.summary).toBeTruthy();
      expect(command.description).toBeTruthy();
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) expect(example.command).toMatch(/^<%= config\.bin %> <%= command\.id %>/);
      expect(command.flags.json).toBeDefined();
    }
    expect(manifest.commands['webhooks:deliveries'].flags.limit.default).toBe(50);
    expect(manifest.commands['webhooks:replay'].flags.status.options).toEqual(['failed']);
  });
});
