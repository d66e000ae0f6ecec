import type { z } from 'zod';
import type { MethodSpec } from './method';

/** Export, import and backup (the Export issue). */
export const exchangeMethods = {} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
