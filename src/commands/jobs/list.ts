import { Flags } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { cellDate } from '../../cli/render-store.js';
import { renderTable } from '../../cli/table.js';
import { jobJson } from '../../modules/jobs/job-admin.js';
import { JOB_STATUSES, type Job, type JobStatus } from '../../modules/jobs/job.entity.js';

const MAX_LIMIT = 1000;
const ERROR_WIDTH = 60;

/** The last error on one line, cut to fit a table cell. */
function shortError(error: string | null | undefined): string {
  if (!error) return '—';
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 1)}…` : line;
}

function jobsTable(jobs: Job[]): string {
  return renderTable(
    ['id', 'type', 'status', 'attempts', 'run at', 'store', 'last error'],
    jobs.map((j) => [
      j.id,
      j.type,
      j.status,
      `${j.attempts}/${j.maxAttempts}`,
      cellDate(j.runAt),
      j.storeId ?? '—',
      shortError(j.lastError),
    ]),
  );
}

export default class JobsList extends BaasCommand {
  static override summary = 'List background jobs, newest first';
  static override description = `Every unit of outside-world work (webhook deliveries, messages, notifications…) is a job: queued until its run time, running, succeeded, or dead once its attempts are used up. Dead jobs are kept until an operator looks at them; requeue them with \`baas jobs retry\` after fixing the cause.`;

  static override examples = [
    { description: 'Jobs that failed for good', command: '<%= config.bin %> <%= command.id %> --status dead' },
    {
      description: 'Webhook deliveries of one store',
      command: '<%= config.bin %> <%= command.id %> --type webhook.deliver --store loja-da-ana',
    },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> --status queued --limit 200 --json' },
  ];

  static override flags = {
    status: Flags.string({ description: 'only jobs in this state', options: [...JOB_STATUSES] }),
    type: Flags.string({ description: 'only jobs of this type, e.g. webhook.deliver' }),
    store: Flags.string({ description: 'only this store (id sto_… or slug)' }),
    limit: Flags.integer({ description: `at most this many rows (1–${MAX_LIMIT})`, default: 50, min: 1, max: MAX_LIMIT }),
  };

  async run() {
    const { flags } = await this.parse(JobsList);
    return this.withInstance(async (instance) => {
      // One more than asked tells whether there are more.
      const found = await instance.jobAdmin.list({
        status: flags.status as JobStatus | undefined,
        type: flags.type,
        store: flags.store,
        limit: flags.limit + 1,
      });
      const jobs = found.slice(0, flags.limit);
      const hasMore = found.length > flags.limit;
      if (!jobs.length) this.log('No jobs match.');
      else {
        this.log(jobsTable(jobs));
        if (hasMore) this.log(`The ${flags.limit} newest shown; narrow with --status, --type, --store or raise --limit for more.`);
      }
      return { object: 'list', data: jobs.map(jobJson), has_more: hasMore };
    });
  }
}
