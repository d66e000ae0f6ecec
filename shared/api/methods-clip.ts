import type { z } from 'zod';
import type { MethodSpec } from './method';

/** Clipping (the Clipping issue): articles.clip, articles.extract, versions, clipper pairing. */
export const clipMethods = {} satisfies Record<string, MethodSpec<z.ZodType, unknown>>;
