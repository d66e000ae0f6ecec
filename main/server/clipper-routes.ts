import type { App } from '../composition';
import type { EventHub } from './events';
import type { ExtraRoute } from './server';

/** Routes of the browser clipper (bookmarklet pairing and clip); filled in by the Clipping work. */
export function clipperRoutes(_app: App): (hub: EventHub, port: () => number) => ExtraRoute[] {
  return () => [];
}
