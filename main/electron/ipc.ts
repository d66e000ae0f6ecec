import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../api/router';
import type { Result } from '../../shared/errors';
import { sendEvent } from './app-events';
import { INVOKE_CHANNEL } from './channels';
import { isTrustedSenderFrame } from './security';

export { sendEvent } from './app-events';

const unauthorized: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This page is not allowed to call Sourcebook.' },
};

/** The IPC check, on the frame Electron reports as the sender (see isTrustedSenderFrame). */
export function isTrustedInvoke(event: IpcMainInvokeEvent): boolean {
  return isTrustedSenderFrame(event.senderFrame);
}

/**
 * The one IPC channel: `sourcebook:invoke(method, input)` → the router's Result. The router never
 * throws, so the renderer always gets a Result (Electron would keep only an Error's message).
 * Long tasks report progress as `{ type: 'progress', payload: { method, ...ProgressEvent } }`.
 */
export function registerIpc(getDispatch: () => Dispatch | undefined): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedInvoke(event)) {
      console.warn(`[sourcebook] refused IPC from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return unauthorized;
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'validation', message: 'method: must be a string such as "articles.list"' } };
    }
    const dispatch = getDispatch();
    if (!dispatch) return { ok: false, error: { code: 'internal', message: 'The library is not open (Sourcebook is shutting down).' } };
    const sender = event.sender;
    return dispatch(method, input, {
      onProgress: (progress) => sendEvent(sender, { type: 'progress', payload: { method, ...progress } }),
    });
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
