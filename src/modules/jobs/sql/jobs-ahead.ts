import type { Transaction } from '@mikro-orm/core';
import { queryBound } from '../../../db/bound-statement.js';
import type { Db } from '../../../db/orm.js';

export interface JobsAhead {
  /** Subjects with a job of the type running now. */
  running: Set<string>;
  /** Dedupe keys held by a job that has started (running, succeeded or dead). */
  started: Set<string>;
}

/**
 * What a batch about to be enqueued needs to know of the jobs already there, in one statement
 * (one trip to the writer, which the notification inbox holds while it asks): which of its
 * subjects a job of `type` is running for, and which of its dedupe keys a started job holds.
 */
export async function jobsAhead(em: Db, type: string, subjects: string[], dedupeKeys: string[], trx: Transaction): Promise<JobsAhead> {
  const ahead: JobsAhead = { running: new Set(), started: new Set() };
  if (subjects.length === 0 && dedupeKeys.length === 0) return ahead;
  const list = (values: string[]) => (values.length > 0 ? values.map(() => '?').join(', ') : 'null');
  const rows = await queryBound<{ kind: 'running' | 'started'; value: string }>(
    em,
    `select 'running' as kind, subject_id as value from jobs where type = ? and status = 'running' and subject_id in (${list(subjects)})
     union all
     select 'started' as kind, dedupe_key as value from jobs where dedupe_key in (${list(dedupeKeys)}) and status <> 'queued'`,
    [type, ...subjects, ...dedupeKeys],
    trx,
  );
  for (const row of rows) ahead[row.kind].add(row.value);
  return ahead;
}
