type Write = (piece: string) => void;

/**
 * Writes one JSON document as `JSON.stringify(doc, null, 2)` would, member by member and list item
 * by list item, so a document larger than one string can hold (or than memory) is never built
 * whole: an object whose members are values, lists (written item by item) and objects of the same.
 */
export class JsonDocumentWriter {
  /** Members written so far in each open object (the first one needs no comma). */
  private readonly written: number[] = [];

  constructor(private readonly write: Write) {}

  /** The document's `{`, then these members. */
  open(members: Record<string, unknown> = {}): void {
    this.write('{');
    this.written.push(0);
    for (const [key, value] of Object.entries(members)) this.value(key, value);
  }

  openObject(key: string): void {
    this.member(key, '{');
    this.written.push(0);
  }

  closeObject(): void {
    const members = this.written.pop()!;
    this.write(members === 0 ? '}' : `\n${this.pad()}}`);
  }

  /** A member whose value is a list: `toRecord` of each item `keep` selects; returns how many. */
  list<T>(key: string, items: Iterable<T>, toRecord: (item: T) => unknown, keep: (item: T) => boolean = () => true): number {
    const pad = `${this.pad()}  `;
    let count = 0;
    for (const item of items) {
      if (!keep(item)) continue;
      const record = JSON.stringify(toRecord(item), null, 2).replace(/\n/g, `\n${pad}`);
      if (count++ === 0) this.member(key, `[\n${pad}${record}`);
      else this.write(`,\n${pad}${record}`);
    }
    if (count === 0) this.member(key, '[]');
    else this.write(`\n${this.pad()}]`);
    return count;
  }

  /** A member of any other value (none for undefined, as JSON.stringify leaves it out). */
  value(key: string, value: unknown): void {
    if (value === undefined) return;
    this.member(key, JSON.stringify(value, null, 2).replace(/\n/g, `\n${this.pad()}`));
  }

  close(): void {
    this.closeObject();
    this.write('\n');
  }

  /** `"key": value` with the comma and line break before it. */
  private member(key: string, value: string): void {
    const depth = this.written.length;
    this.write(`${this.written[depth - 1]! > 0 ? ',' : ''}\n${'  '.repeat(depth)}${JSON.stringify(key)}: ${value}`);
    this.written[depth - 1]!++;
  }

  /** The indent of the innermost open object's members (and, once it is closed, of its closing brace). */
  private pad(): string {
    return '  '.repeat(this.written.length);
  }
}
