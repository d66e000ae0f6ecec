import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

// React checks this flag to know it runs under act() in a test (else it warns about every update).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface TestRoot {
  /** This test's container, a div attached to document.body. */
  readonly container: HTMLDivElement;
  /** Renders into this test's root inside act(), so effects and settled promises have run when it resolves. */
  render(node: ReactNode): Promise<void>;
  /** Unmounts inside act(), for a test that checks what unmounting does; the after-each then only detaches the container. */
  unmount(): Promise<void>;
}

/**
 * One place for the per-test React root in jsdom (create, attach, unmount in act, detach), which every
 * renderer test that mounts a tree used to write out. Call it at the top of a file or describe: it
 * registers its own beforeEach and afterEach, so hooks registered before it run around it.
 */
export function mountRootPerTest(): TestRoot {
  let current: { container: HTMLDivElement; root: Root; isUnmounted: boolean } | undefined;
  const mounted = () => {
    if (!current) throw new Error('mountRootPerTest: the root exists only while a test runs');
    return current;
  };
  beforeEach(() => {
    const container = document.createElement('div');
    document.body.appendChild(container);
    current = { container, root: createRoot(container), isUnmounted: false };
  });
  afterEach(async () => {
    if (!current) return; // an earlier beforeEach failed before this one ran
    const { container, root, isUnmounted } = current;
    current = undefined;
    if (!isUnmounted) await act(async () => root.unmount());
    container.remove();
  });
  return {
    get container() {
      return mounted().container;
    },
    render: (node) => act(async () => mounted().root.render(node)),
    async unmount() {
      const m = mounted();
      m.isUnmounted = true;
      await act(async () => m.root.unmount());
    },
  };
}
