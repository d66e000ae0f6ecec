import { AppError } from '../../../shared/errors';
import type { CitationStyle, NoteExportFormat } from '../../../shared/notes/resolved';
import type { Services } from '../services';
import { notesToDocx } from './export-docx';
import { htmlDocument, noteArticleHtml } from './export-html';
import { noteToMarkdown } from './export-markdown';
import { buildExportModel, safeFileName } from './export-model';
import { resolveScope } from '../exchange/export-data';
import { printPdf, requirePdfPrinter } from '../exchange/pdf';

/**
 * Export of notes with their embeds resolved: Markdown (Obsidian-friendly), self-contained HTML
 * (also what the app prints to PDF), and DOCX. Used by `notes.export` and by the CLI's `export
 * --format md|html|docx --note ID` and `export --format docx --collection C` (md and html: with
 * `--notes`, since `--collection` alone exports the collection's articles there).
 *
 * PDF: the same self-contained HTML, printed by the desktop app's PdfPrinter (Electron's
 * printToPDF in a hidden, script-less window: main/electron/pdf-printer.ts). Without one (browser
 * mode, the CLI) `pdf` is `export/unsupported`, checked before any work; the browser prints the
 * note itself (the editor's Print command).
 */

export interface NoteExportOptions {
  /** Formatted citations after embedded sources and a bibliography at the end. */
  citationStyle?: CitationStyle | null;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const MIME: Record<NoteExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Either what createServices returns, or its services. */
type ServicesLike = Services | { services: Services };
const servicesOf = (target: ServicesLike): Services => ('services' in target && !('ctx' in target) ? target.services : (target as Services));

const encode = (text: string) => new TextEncoder().encode(text);

export async function exportNote(target: ServicesLike, noteId: string, format: NoteExportFormat, options: NoteExportOptions = {}): Promise<ExportedFile> {
  const services = servicesOf(target);
  const printer = format === 'pdf' ? requirePdfPrinter(services.pdfPrinter) : null;
  const model = await buildExportModel(services, noteId, { citationStyle: options.citationStyle ?? null });
  const title = model.note.title || 'Untitled note';
  const fileName = `${safeFileName(model.note.title, `note-${noteId.slice(0, 8)}`)}.${format}`;
  let bytes: Uint8Array;
  if (format === 'md') bytes = encode(noteToMarkdown(model));
  else if (format === 'html' || printer) {
    const html = htmlDocument(title, [noteArticleHtml(model)], services.ctx.now());
    bytes = printer ? await printPdf(printer, html) : encode(html);
  } else bytes = await notesToDocx([model], title);
  return { fileName, mimeType: MIME[format], bytes };
}

/** A collection by id or by name (any case), as `export --collection` takes it everywhere: `not-found` names the way to list them. */
export async function findNotesCollection(target: ServicesLike, nameOrId: string): Promise<{ id: string; name: string }> {
  const scope = await resolveScope(servicesOf(target), { collection: nameOrId });
  return { id: scope.id!, name: scope.label };
}

/** Every live note of a collection in one document (oldest first, as written), each under its own heading. */
export async function exportNotes(target: ServicesLike, collectionId: string, format: NoteExportFormat, options: NoteExportOptions = {}): Promise<ExportedFile> {
  const services = servicesOf(target);
  const printer = format === 'pdf' ? requirePdfPrinter(services.pdfPrinter) : null;
  const collection = await services.collections.get(collectionId);
  const ids = services.ctx.db
    .prepare(
      `SELECT n.id FROM collection_items ci JOIN notes n ON n.id = ci.item_id
        WHERE ci.collection_id = ? AND n.deleted_at IS NULL ORDER BY n.created_at, n.id`,
    )
    .pluck()
    .all(collectionId) as string[];
  if (ids.length === 0) throw new AppError('not-found', `The collection "${collection.name}" holds no notes; add notes to it first.`, { collectionId });
  const models = [];
  for (const [i, id] of ids.entries()) models.push(await buildExportModel(services, id, { citationStyle: options.citationStyle ?? null, footnotePrefix: `${i + 1}-` }));
  const fileName = `${safeFileName(collection.name, `collection-${collectionId.slice(0, 8)}`)}.${format}`;
  let bytes: Uint8Array;
  if (format === 'md') {
    const header = `# ${collection.name.replace(/([\\`*_[\]<>#|])/g, '\\$1')}\n`;
    bytes = encode([header, ...models.map((m) => noteToMarkdown(m, { frontMatter: false, headingLevel: 2 }))].join('\n'));
  } else if (format === 'html' || printer) {
    const html = htmlDocument(collection.name, models.map((m) => noteArticleHtml(m, 0)), services.ctx.now());
    bytes = printer ? await printPdf(printer, html) : encode(html);
  } else bytes = await notesToDocx(models, collection.name);
  return { fileName, mimeType: MIME[format], bytes };
}
