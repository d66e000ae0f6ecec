import { BrowserClipperPanel } from '../clipper/BrowserClipperPanel';
import type { ClipTabProps } from './clip-tabs';

/** The Browser clipper as a tab of the New article dialog: nothing to save, so only Close. */
export function ClipperTab({ onCancel }: ClipTabProps) {
  return (
    <div className="form">
      <BrowserClipperPanel />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Close
        </button>
      </div>
    </div>
  );
}
