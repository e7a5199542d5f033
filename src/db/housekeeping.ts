import type { Orm } from './orm.js';
import type { PeriodicTask } from '../modules/jobs/scheduler.js';

/**
 * SQLite keeps query plans good with PRAGMA optimize and the WAL file small with a checkpoint;
 * PostgreSQL's autovacuum already does the equivalent, so there it is a no-op.
 */
export function databaseMaintenance(orm: Orm, kind: 'sqlite' | 'postgres'): PeriodicTask {
  return {
    name: 'database-maintenance',
    schedule: '0 17 3 * * *',
    run: async () => {
      if (kind !== 'sqlite') return 'skipped';
      const connection = orm.em.getConnection();
      await connection.execute('PRAGMA optimize');
      await connection.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      return 'optimized';
    },
  };
}
