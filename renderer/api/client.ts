import type { Method, MethodInput, MethodOutput } from '../../shared/api/contract';
import type { ErrorInfo } from '../../shared/errors';
import { defaultTransport, type AppEvent, type ImportFileRef, type Transport } from './transport';

/** A failed call, carrying the API's error code and message (shown to the user, never swallowed). */
export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.info.code;
  }
}

let transport: Transport | null = null;
const getTransport = () => (transport ??= defaultTransport());

/** For tests: route calls through another transport. */
export function setTransport(next: Transport): void {
  transport = next;
}

/** Typed call to main: `await call('articles.list', { limit: 50 })`. Throws ApiError on failure. */
export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await getTransport().invoke(method, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as MethodOutput<M>;
}

export function subscribe(listener: (event: AppEvent) => void): () => void {
  return getTransport().subscribe(listener);
}

/**
 * A chosen file as main can read it for an import without the page reading it (transport.ts):
 * null where the transport cannot (the page then sends the file's content). Throws ApiError.
 */
export async function fileForImport(file: File, onProgress?: (sent: number, total: number) => void): Promise<ImportFileRef | null> {
  const transport = getTransport();
  if (!transport.fileForImport) return null;
  const result = await transport.fileForImport(file, onProgress);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
