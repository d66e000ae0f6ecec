import type { CitationStyle, NoteExportFormat } from '../../../shared/notes/resolved';
import { call } from '../../api/client';

/** The formats a note or a collection of notes exports as, with their menu labels (PDF: made by the desktop app only). */
export function noteExportChoices(canMakePdf: boolean): readonly (readonly [NoteExportFormat, string])[] {
  return [
    ['md', 'Markdown (.md)'],
    ['html', 'Web page (.html)'],
    ['docx', 'Word (.docx)'],
    ...(canMakePdf ? ([['pdf', 'PDF (.pdf)']] as const) : []),
  ];
}

/**
 * Download an export made by main (`notes.export`): the bytes come back as base64 and are saved
 * through a temporary link. (Electron: the lead's will-download handling decides where it goes.)
 */
export async function downloadNoteExport(target: { id: string } | { collectionId: string }, format: NoteExportFormat, citationStyle: CitationStyle | null): Promise<string> {
  const file = await call('notes.export', { ...target, format, citationStyle });
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return file.fileName;
}
