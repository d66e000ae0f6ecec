import { useId, useState, type FormEvent } from 'react';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, headSaysLibraryExport, type ImportFormat, type ImportReport } from '../../../shared/api/methods-exchange';
import { call, fileForImport } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useLibrary } from '../../lib/library-context';
import { ExchangeError } from './exchange-error';
import { StopJobButton, wasStopped } from './StopJobButton';
import './exchange.css';

const FORMAT_LABELS: Record<ImportFormat, string> = {
  json: 'Sourcebook JSON',
  'csl-json': 'CSL-JSON',
  bibtex: 'BibTeX',
  ris: 'RIS',
  readwise: 'Readwise (CSV)',
  hypothesis: 'Hypothesis (JSON)',
};

export function ImportDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const { invalidate } = useLibrary();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [isBusy, setIsBusy] = useState(false);
  /** How much of the file has gone to the server (browser mode's upload), while it goes. */
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setIsBusy(true);
    setError(null);
    setReport(null);
    try {
      // Only a Sourcebook library export may be larger: said before a long upload, not after it.
      if (file.size > MAX_IMPORT_BYTES && !(format === 'json' || headSaysLibraryExport(await file.slice(0, 4096).text()))) {
        throw new Error(`“${file.name}” is larger than 100 MB; split it into smaller files (only a Sourcebook library export may be larger).`);
      }
      const ref = await fileForImport(file, (sent, total) => setUpload({ sent, total }));
      setUpload(null);
      const source = ref ?? { content: await file.text() };
      setReport(await call('import.run', { ...source, fileName: file.name, ...(format ? { format } : {}) }));
      invalidate();
    } catch (err) {
      setError(err);
    } finally {
      setIsBusy(false);
      setUpload(null);
    }
  };

  return (
    <Dialog
      title="Import"
      onClose={onClose}
      description="Add articles, quotes and citations from a file. Records that are already in the library are merged, not duplicated."
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {report ? 'Done' : 'Cancel'}
          </button>
          {isBusy && !upload && <StopJobButton method="import.stop" label="Stop import" onError={setError} />}
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={isBusy || !file}>
            {isBusy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={run} aria-busy={isBusy}>
        <div className="field">
          <label htmlFor={`${id}-file`} className="field__label">
            File to import
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,.bib,.bibtex,.ris,.csv,.txt"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-format`} className="field__label">
            Format
          </label>
          <select id={`${id}-format`} className="select" value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')}>
            <option value="">Recognise automatically</option>
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>

        <div role="status" aria-live="polite" aria-label="Import progress">
          {isBusy && upload && (
            <>
              <p className="field__hint">
                {/* The percentage is the progress bar's value to a screen reader: not announced at every step. */}
                Sending “{file?.name}” to Sourcebook… <span aria-hidden="true">{Math.floor((upload.sent / Math.max(1, upload.total)) * 100)}%</span>
              </p>
              <progress className="exchange__upload" aria-label="Sending the file" max={upload.total} value={upload.sent} />
            </>
          )}
          {isBusy && !upload && <p className="field__hint">Importing “{file?.name}”…</p>}
          {report && (
            <section className="exchange__result" aria-label="Import report">
              Imported {FORMAT_LABELS[report.format]}: {report.created.toLocaleString()} created, {report.merged.toLocaleString()} merged,{' '}
              {report.skipped.toLocaleString()} skipped.
              {report.errors.length > 0 && (
                <>
                  <p>{report.errors.length === 1 ? 'One record was left out:' : `${report.errors.length.toLocaleString()} records were left out:`}</p>
                  <ul className="exchange__errors" aria-label="Import problems">
                    {report.errors.slice(0, 200).map((issue, i) => (
                      <li key={i}>
                        {issue.line !== undefined ? `Line ${issue.line}` : issue.field ? `Field ${issue.field}` : 'File'}: {issue.message}
                      </li>
                    ))}
                    {report.errors.length > 200 && <li>…and {(report.errors.length - 200).toLocaleString()} more</li>}
                  </ul>
                </>
              )}
            </section>
          )}
        </div>
        {error !== null && <ExchangeError error={error} hint={wasStopped(error) ? undefined : 'Check that the file is one of the listed formats, or choose its format above.'} />}
      </form>
    </Dialog>
  );
}
