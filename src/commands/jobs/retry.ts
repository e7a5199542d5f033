import { Args, Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { invalidRequest } from '../../shared/errors.js';

const plural = (n: number) => `${n} dead job${n === 1 ? '' : 's'}`;

export default class JobsRetry extends BaasCommand {
  static override summary = 'Put dead jobs back in the queue';
  static override description = `A dead job used up its attempts. Once the cause is fixed (the storefront is back, a credential corrected…), retry it: it is queued again, due now, with its attempts reset; its last error stays visible until the next run. Only dead jobs can be retried.

The running server picks requeued jobs up on its next sweep (within about 10 seconds); follow them with \`baas jobs list\`.`;

  static override examples = [
    { description: 'Retry one job', command: '<%= config.bin %> <%= command.id %> job_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    { description: 'Retry every dead job', command: '<%= config.bin %> <%= command.id %> --all-dead' },
    {
      description: "Retry one store's dead webhook deliveries",
      command: '<%= config.bin %> <%= command.id %> --all-dead --type webhook.deliver --store loja-da-ana',
    },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> --all-dead --json' },
  ];

  static override args = {
    job_id: Args.string({ description: 'job id (job_…) to retry; omit it with --all-dead' }),
  };

  static override flags = {
    'all-dead': Flags.boolean({ description: 'retry every dead job (narrow with --type and --store)' }),
    type: Flags.string({ description: 'with --all-dead: only jobs of this type, e.g. webhook.deliver' }),
    store: Flags.string({ description: 'with --all-dead: only this store (id sto_… or slug)' }),
  };

  async run() {
    const { args, flags } = await this.parse(JobsRetry);
    const allDead = flags['all-dead'] ?? false;
    if (args.job_id && allDead) {
      throw invalidRequest('parameter_invalid', 'Give either a JOB_ID or --all-dead, not both.', 'all-dead');
    }
    if (!args.job_id && !allDead) {
      throw invalidRequest('parameter_missing', 'Give a JOB_ID to retry one dead job, or --all-dead to retry them all.', 'job_id');
    }
    const narrowing = (['type', 'store'] as const).find((name) => flags[name] !== undefined);
    if (args.job_id && narrowing) {
      throw invalidRequest('parameter_invalid', `--${narrowing} narrows --all-dead; to retry one job give only its JOB_ID.`, narrowing);
    }
    const jobId = args.job_id;
    return this.withInstance(async (instance) => {
      const ids = jobId
        ? [(await instance.jobAdmin.retry(jobId)).id]
        : await instance.jobAdmin.retryDead({ type: flags.type, store: flags.store });
      if (!ids.length) this.log('No dead jobs match: nothing requeued.');
      else {
        this.log(`Requeued ${plural(ids.length)}${jobId ? ` (${jobId})` : ''}.`);
        this.log('The running server picks them up on its next sweep (within 10 s); follow them with `baas jobs list`.');
      }
      return { object: 'job_retry', requeued: ids.length, job_ids: ids };
    });
  }
}
