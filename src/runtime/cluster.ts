import { clusterTicks } from '../modules/jobs/cluster-ticks.js';
import type { JobRunner } from '../modules/jobs/job-runner.js';
import type { TickCoordinator } from '../modules/jobs/scheduler.js';
import { JOBS_CHANNEL } from '../modules/jobs/sql/notify-runners.js';
import { ClusterLink } from './cluster-link.js';
import type { Instance } from './instance.js';

export interface ClusterMembership {
  /** Elects the instance that runs each tick of the shared periodic tasks. */
  ticks: TickCoordinator;
  close(): Promise<void>;
}

/**
 * What an instance on PostgreSQL does to work beside others: its runner wakes as soon as
 * another instance commits new jobs (LISTEN; its own are woken in process already), and after
 * the link was down, in case it missed some; shared periodic tasks run once per tick.
 */
export async function joinCluster(instance: Instance, runner: JobRunner): Promise<ClusterMembership> {
  const link = await ClusterLink.open(instance.orm, instance.logger);
  await link.listen(JOBS_CHANNEL, (sender) => {
    if (sender !== instance.identity) runner.wake();
  });
  link.onReconnect(() => runner.wake());
  return { ticks: clusterTicks(instance.orm, link, instance.identity, instance.logger), close: () => link.close() };
}
