import type { z } from 'zod';
import type { MethodSpec } from './method';

/** Search (the Search issue): search.query, suggestions, saved searches. */
export const searchMethods = {} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
