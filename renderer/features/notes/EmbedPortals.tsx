import { useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { CitationStyle } from '../../../shared/notes/resolved';
import { EmbedCard, type EmbedActions } from './EmbedCard';
import type { PortalRegistry } from './editor/embed-widgets';

/** The React side of the editor's block widgets: one portal per widget container CodeMirror shows. */
export function EmbedPortals({ registry, actions, citationStyle }: { registry: PortalRegistry; actions: EmbedActions; citationStyle: CitationStyle | null }) {
  useSyncExternalStore(registry.subscribe, registry.getSnapshot);
  return <>{[...registry.slots].map(([el, slot]) => createPortal(<EmbedCard token={slot.token} actions={actions} citationStyle={citationStyle} />, el, String(slot.key)))}</>;
}
