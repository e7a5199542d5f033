import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../shared/clock.js';
import type { JobHandler } from '../jobs/job-handler.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { automaticMessagesHandler } from './automatic-messages.js';
import type { ChannelPauses } from './channel-pauses.js';
import type { MessageTargets } from './message-targets.js';
import type { MessageRenderer } from './renderer.js';
import type { ActivityLog } from '../activity/activity-log.js';
import { sendMessageHandler, type Channels } from './send-message.js';
import { whatsAppStatusesHandler } from './whatsapp-statuses.js';

export interface MessagingDeps {
  orm: Orm;
  jobs: JobQueue;
  clock: Clock;
  messageTargets: MessageTargets;
  channelPauses: ChannelPauses;
  templates: MessageRenderer;
  activity: ActivityLog;
}

/** The jobs of the messages module: sending, the automatic messages events call for, and WhatsApp's status webhooks. */
export function messageJobHandlers(deps: MessagingDeps, channels: Channels): JobHandler[] {
  const common = { orm: deps.orm, jobs: deps.jobs, clock: deps.clock };
  return [
    sendMessageHandler({ ...common, targets: deps.messageTargets, pauses: deps.channelPauses, channels, activity: deps.activity }),
    automaticMessagesHandler({ ...common, targets: deps.messageTargets, renderer: deps.templates }),
    whatsAppStatusesHandler(common),
  ];
}
