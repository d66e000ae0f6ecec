// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setTransport } from '../api/client';
import type { AppEvent } from '../api/transport';
import { startAppEvents } from '../lib/events';
import { mountRootPerTest } from '../test-support/react-root';
import { ProgressRegion } from './ProgressRegion';

let emit: (event: AppEvent) => void = () => {};
setTransport({
  invoke: async () => ({ ok: false, error: { code: 'internal', message: 'not in this test' } }),
  subscribe: (listener) => {
    emit = listener;
    return () => {};
  },
});
startAppEvents();

describe('ProgressRegion', () => {
  const view = mountRootPerTest();

  it('shows one progress bar per task from `progress` events, with errors counted', async () => {
    const { container } = view;
    await view.render(<ProgressRegion />);
    expect(container.querySelector('progress')).toBeNull();

    await act(async () => emit({ type: 'progress', payload: { task: 'Import', done: 3, total: 10, current: 'notes.md', errors: 1 } }));
    const bar = container.querySelector('progress');
    expect(bar?.getAttribute('aria-label')).toBe('Import');
    expect(bar?.value).toBe(3);
    expect(bar?.max).toBe(10);
    expect(container.textContent).toContain('notes.md');
    expect(container.textContent).toContain('1 error');

    // Other events and malformed payloads are ignored.
    await act(async () => emit({ type: 'changed', payload: { method: 'articles.create' } }));
    await act(async () => emit({ type: 'progress', payload: { nope: true } }));
    expect(container.querySelectorAll('progress')).toHaveLength(1);
    await view.unmount();
  });
});
