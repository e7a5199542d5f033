import { Args, Flags } from '@oclif/core';
import cliProgress from 'cli-progress';
import { setTimeout as sleep } from 'node:timers/promises';
import { BaasCommand } from '../../cli/base-command.js';
import { parseSince } from '../../cli/duration-flag.js';
import { cellDate } from '../../cli/render-store.js';
import { renderTable } from '../../cli/table.js';
import type { Instance } from '../../runtime/instance.js';
import type { FailedDelivery } from '../../modules/webhooks/webhook-replay.service.js';
import { invalidRequest } from '../../shared/errors.js';

/** At most this many pairs are queued per second, so a big replay does not flood the storefronts. */
export const REPLAY_PER_SECOND = 50;

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

const BULK_FLAGS = ['store', 'since', 'status', 'dry-run'] as const;

interface BulkOptions {
  since: Date;
  store?: string;
  endpoint?: string;
  dryRun: boolean;
}

const pairJson = (pair: FailedDelivery) => ({
  event_id: pair.eventId,
  endpoint_id: pair.endpointId,
  store_id: pair.storeId,
  last_attempt_id: pair.lastAttemptId,
});

export default class WebhooksReplay extends BaasCommand {
  static override summary = 'Re-send one event, or every delivery that failed in a time window';
  static override description = `With an EVENT_ID: queues that event again for every enabled endpoint that wants its type (or only --endpoint), whatever happened to it before.

Without one (bulk): finds every (event, endpoint) pair whose latest attempt since --since failed and queues each again, at most ${REPLAY_PER_SECOND} per second, with a progress bar on a terminal. --dry-run only lists them. Each pair is queued at most once per failure, so re-running the same command (after Ctrl-C, a crash or by mistake) skips what is already queued and never sends twice; a pair is replayed again only after a newer attempt failed.

The running server sends what is queued in the background (its job runner picks new work up within about 10 seconds); follow the outcome with \`baas webhooks deliveries\`.`;

  static override examples = [
    { description: 'Re-send one event', command: '<%= config.bin %> <%= command.id %> evt_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    {
      description: 'Re-send it to one endpoint only',
      command: '<%= config.bin %> <%= command.id %> evt_01jq3v6z8m4c2r9t7w5x0y1k3n --endpoint we_01jq3v6z8m4c2r9t7w5x0y1k3n',
    },
    {
      description: "See what a bulk replay of a store's last day would send",
      command: '<%= config.bin %> <%= command.id %> --store loja-da-ana --since 24h --status failed --dry-run',
    },
    {
      description: "Replay a store's failures of the last day (run it again to resume after Ctrl-C)",
      command: '<%= config.bin %> <%= command.id %> --store loja-da-ana --since 24h --status failed',
    },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> --store loja-da-ana --since 6h --json' },
  ];

  static override args = {
    event_id: Args.string({ description: 'event id (evt_…) to re-send; omit it for a bulk replay with --since' }),
  };

  static override flags = {
    endpoint: Flags.string({ description: 'only this endpoint (we_…)' }),
    store: Flags.string({ description: 'bulk: only this store (id sto_… or slug)' }),
    since: Flags.string({ description: 'bulk: failures in this window: 30m, 1h, 24h, 7d (required without EVENT_ID)' }),
    status: Flags.string({ description: 'bulk: which deliveries to replay (only failed ones can be)', options: ['failed'] }),
    'dry-run': Flags.boolean({ description: 'bulk: list what would be replayed and queue nothing' }),
  };

  async run() {
    const { args, flags } = await this.parse(WebhooksReplay);
    if (args.event_id) {
      const bulk = BULK_FLAGS.find((name) => flags[name] !== undefined && flags[name] !== false);
      if (bulk) {
        throw invalidRequest(
          'parameter_invalid',
          `--${bulk} is for a bulk replay, which takes no EVENT_ID; to re-send one event give only EVENT_ID (and --endpoint).`,
          bulk,
        );
      }
      const eventId = args.event_id;
      return this.withInstance((instance) => this.replayOne(instance, eventId, flags.endpoint));
    }
    if (flags.since === undefined) {
      throw invalidRequest(
        'parameter_missing',
        'Give an EVENT_ID to re-send one event, or --since (e.g. --since 24h) to replay the deliveries that failed in that window.',
        'since',
      );
    }
    const options: BulkOptions = {
      since: parseSince(flags.since),
      store: flags.store,
      endpoint: flags.endpoint,
      dryRun: flags['dry-run'] ?? false,
    };
    return this.withInstance((instance) => this.replayFailed(instance, options));
  }

  private async replayOne(instance: Instance, eventId: string, endpointId: string | undefined) {
    const { event, endpointIds } = await instance.webhookOperations.redeliverEvent(eventId, endpointId);
    if (endpointIds.length) {
      this.log(`Queued ${event.id} (${event.type}) again for ${endpointIds.length} endpoint${endpointIds.length === 1 ? '' : 's'}:`);
      for (const id of endpointIds) this.log(`  ${id}`);
      this.log(`The server sends it within seconds; see how it went with \`baas webhooks deliveries --endpoint ${endpointIds[0]}\`.`);
    } else {
      this.log(`Event ${event.id} (${event.type}) matches no enabled endpoint: nothing queued.`);
    }
    return { object: 'redelivery', event_id: event.id, endpoint_ids: endpointIds };
  }

  private async replayFailed(instance: Instance, options: BulkOptions) {
    const storeId = options.store ? (await instance.stores.show(options.store)).store.id : undefined;
    const failed = await instance.webhookReplay.failed({ since: options.since, storeId, endpointId: options.endpoint });
    const window = `since ${cellDate(options.since)}`;
    const result = (queued: number, skipped: number, interrupted: boolean) => ({
      dry_run: options.dryRun,
      since: options.since.toISOString(),
      matched: failed.length,
      queued,
      skipped,
      interrupted,
      pairs: failed.map(pairJson),
    });

    if (!failed.length) {
      this.log(`No failed deliveries ${window}: nothing to replay.`);
      return result(0, 0, false);
    }
    if (options.dryRun) {
      this.log(
        `${failed.length} failed deliver${failed.length === 1 ? 'y' : 'ies'} ${window} would be replayed (dry run: nothing queued):`,
      );
      this.log(
        renderTable(
          ['event', 'endpoint', 'store', 'last attempt', 'failed at'],
          failed.map((f) => [f.eventId, f.endpointId, f.storeId, f.lastAttemptId, cellDate(f.startedAt)]),
        ),
      );
      this.log('Run the same command without --dry-run to queue them.');
      return result(0, 0, false);
    }

    const { queued, skipped, done, interrupted } = await this.replayPaced(instance, failed);
    if (interrupted) {
      this.log(
        `Interrupted after ${done} of ${failed.length} pairs. Re-run the same command to resume: pairs already queued are skipped, nothing is sent twice.`,
      );
      process.exitCode = EXIT_INTERRUPTED;
    }
    this.log(`Queued ${queued}, already queued ${skipped} (skipped), total ${failed.length} failed deliveries ${window}.`);
    if (skipped) this.log('Skipped pairs were queued by an earlier run for the same failure; they are not sent twice.');
    if (queued) this.log('The server sends them in the background; follow with `baas webhooks deliveries --since 1h`.');
    return result(queued, skipped, interrupted);
  }

  /** Queues the pairs one by one at a bounded rate; Ctrl-C stops after the current pair. */
  private async replayPaced(instance: Instance, failed: FailedDelivery[]) {
    const bar =
      process.stderr.isTTY && !this.jsonEnabled()
        ? new cliProgress.SingleBar(
            {
              format: 'Replaying [{bar}] {value}/{total} | queued {queued} | already queued {skipped} | ETA {eta_formatted}',
              hideCursor: true,
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
    };
    process.on('SIGINT', onSigint);
    let queued = 0;
    let skipped = 0;
    let done = 0;
    const startedAt = Date.now();
    bar?.start(failed.length, 0, { queued, skipped });
    try {
      for (const pair of failed) {
        // Only what is queued is paced: a skipped pair sends nothing, so resuming a long run is quick.
        const wait = startedAt + (queued * 1000) / REPLAY_PER_SECOND - Date.now();
        if (wait > 0) await sleep(wait);
        if (interrupted) break;
        if (await instance.webhookReplay.replay(pair)) queued++;
        else skipped++;
        done++;
        bar?.update(done, { queued, skipped });
      }
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
    }
    // A Ctrl-C during the last pair stopped nothing.
    return { queued, skipped, done, interrupted: interrupted && done < failed.length };
  }
}
