import { useId, useState, type FormEvent } from 'react';
import { EXPORT_FORMATS, FOLDER_FORMATS, type ExportFormat, type ExportResult } from '../../../shared/api/methods-exchange';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useCapabilities } from '../../lib/capabilities';
import { useLibrary } from '../../lib/library-context';
import { openPrintTab, POPUP_BLOCKED_MESSAGE } from '../../lib/print-tab';
import { useQuery } from '../../lib/use-query';
import { ExchangeError } from './exchange-error';
import { StopJobButton, wasStopped } from './StopJobButton';
import './exchange.css';

type ScopeKind = 'library' | 'collection' | 'topic' | 'article';

const FORMAT_INFO: Record<ExportFormat, { label: string; description: string; ext: string }> = {
  json: { label: 'JSON', description: 'Everything, losslessly — the format to re-import or move a library.', ext: 'json' },
  md: { label: 'Markdown', description: 'One Markdown file per article with its quotes, in a folder.', ext: '' },
  html: { label: 'HTML', description: 'One self-contained, printable report: sources, quotes by speaker and stance, the stance matrix.', ext: 'html' },
  csv: { label: 'CSV', description: 'Two spreadsheets in a folder: quotes.csv (every quote with its speaker, source and stances) and stance-matrix.csv (speakers by stance, per topic).', ext: '' },
  'csl-json': { label: 'CSL-JSON', description: 'Citations for Zotero, Pandoc and other reference managers.', ext: 'json' },
  bibtex: { label: 'BibTeX', description: 'Citations for LaTeX.', ext: 'bib' },
  ris: { label: 'RIS', description: 'Citations for EndNote, Mendeley and most reference managers.', ext: 'ris' },
  annotations: { label: 'Annotations', description: 'The quotes as W3C Web Annotations (JSON-LD): each with its exact text, position, speaker and note, for annotation tools.', ext: 'jsonld' },
  pdf: { label: 'PDF', description: 'The HTML report as a PDF, ready to print or share.', ext: 'pdf' },
};

const SCOPE_LABELS: Record<ScopeKind, string> = {
  library: 'Whole library',
  collection: 'A collection',
  topic: 'A topic',
  article: 'The selected article',
};

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

export function ExportDialog({ selectedArticleId, onClose, onOpenBackups }: { selectedArticleId: string | null; onClose(): void; onOpenBackups(): void }) {
  const id = useId();
  const { revision } = useLibrary();
  const { data: info } = useQuery(() => call('library.info', {}), [revision], 'Could not read the library');
  const { data: collections } = useQuery(() => call('collections.list', { limit: 1000, sort: 'name', order: 'asc' }), [revision], 'Could not load collections');
  const { data: topics } = useQuery(() => call('topics.list', { limit: 1000, sort: 'title', order: 'asc' }), [revision], 'Could not load topics');
  const { data: article } = useQuery(selectedArticleId ? () => call('items.get', { id: selectedArticleId }) : null, [selectedArticleId, revision]);

  const [scope, setScope] = useState<ScopeKind>('library');
  const [collectionId, setCollectionId] = useState('');
  const [topicId, setTopicId] = useState('');
  const [format, setFormat] = useState<ExportFormat>('json');
  const [out, setOut] = useState('');
  const [force, setForce] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isPreparingPrint, setIsPreparingPrint] = useState(false);
  const [printedLabel, setPrintedLabel] = useState<string | null>(null);
  const [printError, setPrintError] = useState<unknown>(null);
  // PDF is made by the desktop app; browser mode prints the report with the browser's own dialog.
  const capabilities = useCapabilities();
  const canMakePdf = capabilities?.pdf === true;
  const canPrintInBrowser = capabilities?.pdf === false;
  const formats = EXPORT_FORMATS.filter((f) => f !== 'pdf' || canMakePdf);

  const isFolder = FOLDER_FORMATS.includes(format);
  const collection = collections?.items.find((c) => c.id === (collectionId || collections.items[0]?.id));
  const topic = topics?.items.find((t) => t.id === (topicId || topics.items[0]?.id));

  const scopeProblem =
    scope === 'collection' && !collection ? 'There are no collections yet.'
    : scope === 'topic' && !topic ? 'There are no topics yet.'
    : scope === 'article' && !selectedArticleId ? 'No article is selected: select one in the library first.'
    : null;

  const scopeDescription = (() => {
    switch (scope) {
      case 'library':
        return info ? `the whole library (${plural(info.counts.articles, 'article')}, ${plural(info.counts.quotes, 'quote')})` : 'the whole library';
      case 'collection':
        return collection ? `the collection “${collection.name}” (${plural(collection.itemCount, 'item')})` : 'a collection';
      case 'topic':
        return topic ? `the topic “${topic.title}” (${plural(topic.stanceCount, 'stance')})` : 'a topic';
      case 'article':
        return article ? `the article “${article.title}”` : 'the selected article';
    }
  })();

  const scopeInput = () => ({
    ...(scope === 'collection' && collection ? { collection: collection.id } : {}),
    ...(scope === 'topic' && topic ? { topic: topic.id } : {}),
    ...(scope === 'article' && selectedArticleId ? { articleIds: [selectedArticleId] } : {}),
  });

  /** Browser mode: the report in a new tab with the browser's print dialog (which can save as PDF). */
  const printReport = async () => {
    if (scopeProblem) return;
    setPrintError(null);
    setPrintedLabel(null);
    // Opened before the report is fetched: pop-ups are only allowed during the click itself.
    const tab = openPrintTab();
    if (!tab) {
      setPrintError(new Error(POPUP_BLOCKED_MESSAGE));
      return;
    }
    setIsPreparingPrint(true);
    try {
      const report = await call('export.report.get', scopeInput());
      tab.print(report.html);
      setPrintedLabel(report.scope.label);
    } catch (err) {
      tab.close();
      setPrintError(err);
    } finally {
      setIsPreparingPrint(false);
    }
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (scopeProblem || !out.trim()) return;
    setIsBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('export.run', { format, out: out.trim(), force, ...scopeInput() }));
    } catch (err) {
      setError(err);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Dialog
      title="Export"
      onClose={onClose}
      size="medium"
      footer={
        <>
          <button type="button" className="link-button" onClick={onOpenBackups} style={{ marginRight: 'auto' }}>
            Backups…
          </button>
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          {canPrintInBrowser && (
            <button
              type="button"
              className="button"
              onClick={() => void printReport()}
              disabled={isPreparingPrint || Boolean(scopeProblem)}
              aria-describedby={`${id}-print-hint`}
            >
              {isPreparingPrint ? 'Preparing…' : 'Print / Save as PDF…'}
            </button>
          )}
          {isBusy && format !== 'pdf' && <StopJobButton method="export.stop" label="Stop export" onError={setError} />}
          <button type="submit" form={`${id}-form`} className="button button--primary" disabled={isBusy || Boolean(scopeProblem) || !out.trim()}>
            {isBusy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={run} aria-busy={isBusy}>
        <fieldset className="field">
          <legend className="field__label">What to export</legend>
          <div role="radiogroup" aria-label="Scope" className="exchange__options">
            {(Object.keys(SCOPE_LABELS) as ScopeKind[]).map((kind) => (
              <label key={kind} className="exchange__option">
                <input type="radio" name={`${id}-scope`} value={kind} checked={scope === kind} onChange={() => setScope(kind)} />
                {SCOPE_LABELS[kind]}
              </label>
            ))}
          </div>
          {scope === 'collection' && collections && collections.items.length > 0 && (
            <select aria-label="Collection" className="select" value={collection?.id ?? ''} onChange={(e) => setCollectionId(e.target.value)}>
              {collections.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
          {scope === 'topic' && topics && topics.items.length > 0 && (
            <select aria-label="Topic" className="select" value={topic?.id ?? ''} onChange={(e) => setTopicId(e.target.value)}>
              {topics.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          )}
          {scopeProblem && <p className="field__hint">{scopeProblem}</p>}
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-format`} className="field__label">
            Format
          </label>
          <select id={`${id}-format`} className="select" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} aria-describedby={`${id}-format-hint`}>
            {formats.map((f) => (
              <option key={f} value={f}>
                {FORMAT_INFO[f].label}
              </option>
            ))}
          </select>
          <p id={`${id}-format-hint`} className="field__hint">
            {FORMAT_INFO[format].description}
          </p>
          {canMakePdf && format === 'html' && (
            <p className="field__hint" role="note">
              For a PDF of this report, choose PDF as the format.
            </p>
          )}
          {canPrintInBrowser && (
            <p id={`${id}-print-hint`} className="field__hint" role="note">
              PDF: “Print / Save as PDF…” opens the HTML report of this selection in a new tab with your browser’s print dialog; choose “Save as PDF” as the
              printer. (The desktop app writes PDF files directly.)
            </p>
          )}
        </div>

        <div className="field">
          <label htmlFor={`${id}-out`} className="field__label">
            {isFolder ? 'Output folder' : 'Output file'}
          </label>
          <input
            id={`${id}-out`}
            className="input"
            value={out}
            onChange={(e) => setOut(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            placeholder={isFolder ? '/home/you/Documents/sourcebook-export' : `/home/you/Documents/sourcebook.${FORMAT_INFO[format].ext}`}
            aria-describedby={`${id}-out-hint`}
          />
          <p id={`${id}-out-hint`} className="field__hint">
            {isFolder ? 'A folder: this format writes several files into it.' : 'A single file.'} A full path on this computer.
          </p>
          <label className="exchange__option">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Replace if it exists
          </label>
        </div>

        <p className="exchange__preview" aria-label="Preview">
          Will export {scopeDescription} as {FORMAT_INFO[format].label} to {out.trim() ? <code>{out.trim()}</code> : 'the path above (not set yet)'}.
        </p>

        <div role="status" aria-live="polite" aria-label="Export progress">
          {isBusy && <p className="field__hint">{format === 'pdf' ? 'Printing the report to PDF…' : 'Exporting…'} this can take a while for a large library.</p>}
          {isPreparingPrint && <p className="field__hint">Preparing the report to print…</p>}
          {printedLabel && (
            <p className="field__hint">
              The report of {printedLabel} opened in a new tab with the print dialog. Choose “Save as PDF” there to keep a PDF.
            </p>
          )}
          {result && (
            <div className="exchange__result">
              Exported {plural(result.counts.articles, 'article')}, {plural(result.counts.quotes, 'quote')}, {plural(result.counts.speakers, 'speaker')} and{' '}
              {plural(result.counts.topics, 'topic')} ({result.scope.label}) to <code>{result.out}</code>: {plural(result.files.length, 'file')} written
              {result.removed.length > 0 && `, ${plural(result.removed.length, 'stale file')} removed`}.
              <ul aria-label="Files written">
                {result.files.slice(0, 50).map((f) => (
                  <li key={f}>{f}</li>
                ))}
                {result.files.length > 50 && <li>…and {(result.files.length - 50).toLocaleString()} more</li>}
              </ul>
              {result.format === 'html' && !canMakePdf && <p>To print or save as PDF, open this HTML file in your browser and print it, or use “Print / Save as PDF…”.</p>}
            </div>
          )}
        </div>
        {error !== null && <ExchangeError error={error} hint={wasStopped(error) ? undefined : 'Check the path, or tick “Replace if it exists” to overwrite.'} />}
        {printError !== null && <ExchangeError error={printError} />}
      </form>
    </Dialog>
  );
}
