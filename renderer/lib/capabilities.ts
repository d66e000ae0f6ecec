import { useEffect, useState } from 'react';
import type { AppCapabilities } from '../../shared/api/contract';
import { call } from '../api/client';

/**
 * What this runtime can do (`app.capabilities.get`): asked once per page, since it cannot change
 * while the app runs. A failed answer (an older server) counts as "cannot", and is asked again next time.
 */
let pending: Promise<AppCapabilities> | null = null;

export function loadCapabilities(): Promise<AppCapabilities> {
  pending ??= call('app.capabilities.get', {}).catch(() => {
    pending = null;
    return { pdf: false };
  });
  return pending;
}

/** The capabilities, or null until they are known (so a control is not offered and then withdrawn). */
export function useCapabilities(): AppCapabilities | null {
  const [capabilities, setCapabilities] = useState<AppCapabilities | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void loadCapabilities().then((value) => {
      if (isCurrent) setCapabilities(value);
    });
    return () => {
      isCurrent = false;
    };
  }, []);
  return capabilities;
}
