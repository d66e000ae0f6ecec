import type { Migration } from './migration';
import { migration0010 } from './0010-initial';

/** Every migration, in order. Listed explicitly so a stray file can never run by accident. */
export const MIGRATIONS: readonly Migration[] = [migration0010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
