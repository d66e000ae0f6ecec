import type { z } from 'zod';

/** One API method: its zod input schema, and (phantom) its output type. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}

/** `method<Output>()(InputSchema)`: a method without a schema does not compile. */
export const method = <O>() => <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
