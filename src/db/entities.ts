import { JobSchema } from '../modules/jobs/job.entity.js';
import { ApiKeySchema } from '../modules/keys/api-key.entity.js';
import { StoreSchema } from '../modules/stores/store.entity.js';

/** Every entity the ORM knows; a module adds its own here. */
export const ENTITIES = [StoreSchema, ApiKeySchema, JobSchema];
