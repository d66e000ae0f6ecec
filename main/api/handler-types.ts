import type { Method, MethodOutput, ParsedInput } from '../../shared/api/contract';

/** Per-call context a transport can pass: progress events and cancellation for long tasks. */
export interface CallContext {
  signal?: AbortSignal;
  onProgress?(event: ProgressEvent): void;
}

export interface ProgressEvent {
  task: string;
  done: number;
  total: number;
  current?: string;
  errors?: number;
  message?: string;
}

export type Handler<M extends Method> = (input: ParsedInput<M>, call: CallContext) => Promise<MethodOutput<M>>;
/** Every method must have a handler: a missing one is a compile error in router.ts. */
export type Handlers = { [M in Method]: Handler<M> };
export type HandlerGroup<K extends Method> = { [M in K]: Handler<M> };
