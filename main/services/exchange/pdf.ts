import { AppError, isAppError } from '../../../shared/errors';

/**
 * Printing HTML to PDF is a platform capability, not a service: only the desktop app has a
 * Chromium to print with (main/electron/pdf-printer.ts). createServices receives it as an option;
 * in browser mode, the bare server and the CLI it is absent and PDF exports say so with a typed
 * error instead of failing somewhere deeper.
 */
export interface PdfPrinter {
  /** Print one self-contained HTML document (no scripts, nothing fetched) to PDF bytes. */
  toPdf(html: string): Promise<Uint8Array>;
}

/** Every PDF file starts with this header (ISO 32000-1, 7.5.2). */
const PDF_MAGIC = '%PDF-';

/** The printer, or `export/unsupported` saying what to do instead. Called before any work is done. */
export function requirePdfPrinter(printer: PdfPrinter | null): PdfPrinter {
  if (printer) return printer;
  throw new AppError(
    'export/unsupported',
    'Making a PDF needs the Sourcebook desktop app. Export HTML instead and open it in a browser: its Print dialog can “Save as PDF” ' +
      '(in the browser app, Export → “Print / Save as PDF…” does this for you).',
    { format: 'pdf', alternative: 'html' },
  );
}

/**
 * Print `html` and check that a PDF came back. A printer's own AppError (its time-out) passes
 * through; anything else it throws becomes `export/failed` with its message, never `internal`,
 * because a crashed print window is an expected failure the user can retry.
 */
export async function printPdf(printer: PdfPrinter, html: string): Promise<Buffer> {
  let bytes: Uint8Array;
  try {
    bytes = await printer.toPdf(html);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('export/failed', `Could not make the PDF: ${(error as Error)?.message ?? String(error)}. Try again, or export HTML and print it from a browser.`);
  }
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pdf.subarray(0, PDF_MAGIC.length).toString('latin1') !== PDF_MAGIC) {
    throw new AppError('export/failed', 'Could not make the PDF: the printer returned something that is not a PDF. Try again, or export HTML and print it from a browser.', {
      bytes: pdf.byteLength,
    });
  }
  return pdf;
}
