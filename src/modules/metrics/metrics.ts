import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { dbDate, type Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import { VERSION } from '../../shared/package-info.js';
import type { ActivityEntry } from '../activity/activity-log.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/**
 * The Prometheus metrics of one server process (GET /metrics). Requests are counted by the
 * access log; provider calls, deliveries and message status changes from the activity log's
 * entries as they are recorded (the same facts, so the two agree, and one place instruments
 * both); the job queue is read from the database when scraped. Its own registry: nothing global.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'baas_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'baas_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly providerSeconds = new Histogram({
    name: 'baas_provider_call_duration_seconds',
    help: 'Calls to Mercado Pago, SMTP and WhatsApp by provider, operation and outcome (ok or the error code)',
    labelNames: ['provider', 'operation', 'outcome'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'baas_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly messages = new Counter({
    name: 'baas_messages_total',
    help: 'Message status changes by channel and status (queued, sent, delivered, read, failed)',
    labelNames: ['channel', 'status'],
    registers: [this.registry],
  });

  constructor(orm: Orm, clock: Clock) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({ name: 'baas_build_info', help: 'Version of the running baas', labelNames: ['version', 'node'], registers: [this.registry] })
      .labels(VERSION, process.version)
      .set(1);
    // Both queue gauges come from one query per scrape (the registry collects them concurrently).
    let reading: Promise<DueJobs[]> | null = null;
    const due = () => {
      reading ??= dueJobs(orm, clock.now()).finally(() => setImmediate(() => (reading = null)));
      return reading;
    };
    const depth = new Gauge({
      name: 'baas_jobs_due',
      help: 'Jobs due now and not yet running, by type',
      labelNames: ['type'],
      registers: [this.registry],
      collect: async () => {
        const rows = await due();
        depth.reset();
        for (const row of rows) depth.labels(row.type).set(Number(row.n));
      },
    });
    const age = new Gauge({
      name: 'baas_jobs_oldest_due_age_seconds',
      help: 'How long the oldest due job of each type has waited',
      labelNames: ['type'],
      registers: [this.registry],
      collect: async () => {
        const rows = await due();
        age.reset();
        for (const row of rows) age.labels(row.type).set(Math.max(0, (clock.now().getTime() - new Date(row.oldest).getTime()) / 1000));
      },
    });
  }

  /** Unmatched paths are left out: a label per path a scanner tries would grow without end. */
  observeRequest(method: string, route: string | null, status: number, durationMs: number): void {
    if (!route) return;
    this.requests.labels(method, route, String(status)).inc();
    this.requestSeconds.labels(method, route).observe(durationMs / 1000);
  }

  /** Counts what an activity entry tells of (called for every entry, whether or not the log is written). */
  readonly observe = (entry: ActivityEntry): void => {
    const detail = entry.detail ?? {};
    const seconds = (entry.durationMs ?? 0) / 1000;
    switch (entry.kind) {
      case 'provider_call':
        this.providerSeconds.labels(String(detail.provider), String(detail.operation), String(entry.outcome)).observe(seconds);
        return;
      case 'delivery':
        this.deliveries.labels(String(entry.outcome)).inc();
        return;
      case 'event':
        if (entry.outcome?.startsWith('message.'))
          this.messages.labels(String(detail.channel), entry.outcome.slice('message.'.length)).inc();
        return;
    }
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

interface DueJobs {
  type: string;
  n: number | string;
  oldest: string | number | Date;
}

async function dueJobs(orm: Orm, now: Date): Promise<DueJobs[]> {
  const em = orm.em.fork();
  const rows = await em.execute<DueJobs[]>(
    `select type, count(*) as n, min(run_at) as oldest from jobs where status = 'queued' and run_at <= ? group by type`,
    [dbDate(em, now)],
  );
  return rows;
}
