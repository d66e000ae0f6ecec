import type { StyledRun } from './csl-html';
import type { NoteExportModel } from './export-model';

export interface Footnote {
  /** The number shown ("3"), counted from 1 in each note. */
  n: number;
  /** What links the reference to its note, unique in a file that holds several notes ("2-3"). */
  label: string;
  runs: StyledRun[];
}

/**
 * A note's Chicago footnotes, numbered in the order the text cites its sources, one per citation:
 * a source's first note in full, its later ones in the short form (author and title), as the
 * Chicago Manual's notes style has it (14.29–14.31). Built while one export renders its body
 * (citations come in reading order), then listed after it. A file of several notes keeps each
 * note's numbering, and its first full note per source, to itself.
 */
export class NoteFootnotes {
  readonly entries: Footnote[] = [];
  private readonly cited = new Set<string>();

  constructor(private readonly model: NoteExportModel) {}

  /** The footnote for this citation of `sourceId`, or null when the style has no footnotes. */
  cite(sourceId: string): Footnote | null {
    const formatted = this.model.citations.get(sourceId);
    if (this.model.style !== 'chicago-note' || !formatted) return null;
    const isFirst = !this.cited.has(sourceId);
    this.cited.add(sourceId);
    const n = this.entries.length + 1;
    const note = { n, label: `${this.model.footnotePrefix}${n}`, runs: isFirst ? formatted.inText : (formatted.shortNote ?? formatted.inText) };
    this.entries.push(note);
    return note;
  }
}
