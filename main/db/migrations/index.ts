import type { Migration } from './migration';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-search-index';
import { migration0030 } from './0030-suggestions';
import { migration0050 } from './0050-list-indexes';
import { migration0060 } from './0060-note-embeds';
import { migration0070 } from './0070-search-filter-indexes';
import { migration0080 } from './0080-stance-subject-rowids';
import { migration0090 } from './0090-search-probes';
import { migration0110 } from './0110-note-search-text';
import { migration0120 } from './0120-current-stance-set-last';
import { migration0130 } from './0130-quote-site-indexes';
import { migration0140 } from './0140-search-tagged';
import { migration0150 } from './0150-phrase-pairs';
import { migration0160 } from './0160-quote-facts-speaker';
import { migration0170 } from './0170-stance-sets';
import { migration0180 } from './0180-article-columns-order';
import { migration0190 } from './0190-stance-sets-by-subject';
import { migration0200 } from './0200-common-terms';
import { migration0210 } from './0210-search-index-merges';

/** Every migration, in order. Listed explicitly so a stray file can never run by accident. */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0050, migration0060, migration0070, migration0080, migration0090, migration0110, migration0120, migration0130, migration0140, migration0150, migration0160, migration0170, migration0180, migration0190, migration0200, migration0210];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
