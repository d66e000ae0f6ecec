import fs from 'node:fs';

/**
 * A JSON document read record by record, never whole: a library export of a large library is
 * gigabytes (article HTML and text), past what one JavaScript string can hold, so JSON.parse of
 * the file is not an option. The document is an object; object values of its members are entered
 * too (`"suggestions": { "quotes": [...] }`); arrays in them are split into their elements, and
 * each element (and each other value) is one unit, handed out as its own text for JSON.parse.
 *
 * Only the structure around the units is walked here (keys, colons, commas, brackets); a unit's
 * own syntax is JSON.parse's to check. Errors carry a byte offset (JsonSyntaxError), which the
 * caller turns into a line (lineOfOffset) only when it reports one.
 */

/** The bytes of a document: a file, or a buffer (an upload, a file decoded from UTF-16). */
export interface ByteSource {
  readonly size: number;
  /** Copies up to `into.length` bytes from `position` into `into`; the count (0 at the end). */
  read(into: Buffer, position: number): number;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (into, position) => bytes.copy(into, 0, position, Math.min(bytes.length, position + into.length)) };
}

export function fileSource(fd: number): ByteSource {
  return { size: fs.fstatSync(fd).size, read: (into, position) => fs.readSync(fd, into, 0, into.length, position) };
}

export class JsonSyntaxError extends Error {
  constructor(
    /** Byte offset of the first byte that cannot be there (the size of the source when it ends too early). */
    readonly offset: number,
    readonly endsEarly: boolean,
    /** The bytes found there, for the message. */
    readonly found: string,
  ) {
    super(endsEarly ? 'the JSON ends too early' : `unexpected ${JSON.stringify(found)}`);
  }
}

/** A value too large to become one JavaScript string (V8 caps strings at about 512 MB). */
export class JsonUnitTooLarge extends Error {
  constructor(readonly offset: number, readonly bytes: number) {
    super(`a value of ${Math.round(bytes / 1024 / 1024)} MB`);
  }
}

export type JsonEvent =
  /** An element of an array (`index`), or a member's value that is not an array or object (`index` null). */
  | { kind: 'unit'; path: string[]; index: number | null; text: string; start: number }
  /** An array, once read to its end: where it lies (`start` at its `[`) and how many elements it had. */
  | { kind: 'array'; path: string[]; start: number; end: number; count: number }
  /** A member's object that was entered (its members came before), once read to its end. */
  | { kind: 'object'; path: string[] };

/** How deep object members are entered: the document's members and their members' (`suggestions.quotes`). */
const MAX_PATH = 2;
const CHUNK = 1 << 20;

const [QUOTE, BACKSLASH, COMMA, COLON] = [0x22, 0x5c, 0x2c, 0x3a];
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [0x7b, 0x7d, 0x5b, 0x5d];
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * The bytes of a source from a moving point on, in one growing buffer: what is before `keep` may
 * be dropped, so memory holds one unit and a chunk, however large the document.
 */
class Window {
  private buf: Buffer;
  /** Absolute offset of buf[0]; buf holds [base, base + length). */
  private base: number;
  private length = 0;
  private keepFrom: number;

  constructor(private readonly source: ByteSource, from: number, private readonly chunk: number) {
    this.buf = Buffer.allocUnsafe(chunk);
    this.base = this.keepFrom = from;
  }

  /** The byte at `at`, or -1 past the end. */
  at(at: number): number {
    while (at >= this.base + this.length) if (!this.more()) return -1;
    return this.buf[at - this.base]!;
  }

  /** The first `byte` at or after `from`, or -1 when the source ends first. */
  indexOf(byte: number, from: number): number {
    for (;;) {
      const start = from - this.base;
      if (start < this.length) {
        // Bytes past `length` are stale: a first match there means none before it.
        const i = this.buf.indexOf(byte, start);
        if (i !== -1 && i < this.length) return this.base + i;
        from = this.base + this.length;
      }
      if (!this.more()) return -1;
    }
  }

  /** The bytes [from, to) as text (both within what is kept). */
  text(from: number, to: number): string {
    if (to - from > MAX_STRING_BYTES) throw new JsonUnitTooLarge(from, to - from);
    return this.buf.toString('utf8', from - this.base, to - this.base);
  }

  get size(): number {
    return this.source.size;
  }

  /** Bytes before `from` are no longer needed. */
  keep(from: number): void {
    this.keepFrom = from;
  }

  private more(): boolean {
    const position = this.base + this.length;
    if (position >= this.source.size) return false;
    // One unit past what a string can hold is refused before it fills memory.
    if (position - this.keepFrom > MAX_STRING_BYTES) throw new JsonUnitTooLarge(this.keepFrom, position - this.keepFrom);
    // Drop what is no longer kept, then make room for a chunk (doubling: one huge unit is not copied chunk by chunk).
    const drop = Math.min(this.keepFrom, position) - this.base;
    if (drop > 0) {
      this.buf.copy(this.buf, 0, drop, this.length);
      this.base += drop;
      this.length -= drop;
    }
    if (this.buf.length - this.length < this.chunk) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + this.chunk));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    const read = this.source.read(this.buf.subarray(this.length, this.length + this.chunk), position);
    this.length += read;
    return read > 0;
  }
}

/** Bytes of UTF-8 that may not fit one string (V8's limit is 2^29 - 24 UTF-16 units). */
const MAX_STRING_BYTES = 2 ** 29 - 24;

/**
 * Reads the document: every unit and every array's extent, in document order. The document must
 * be one object (a JsonSyntaxError at its first byte otherwise).
 */
export function* readJsonDocument(source: ByteSource, options: { from?: number; chunk?: number } = {}): Generator<JsonEvent, void> {
  const w = new Window(source, options.from ?? 0, options.chunk ?? CHUNK);
  const reader = new StructureReader(w);
  let at = reader.skipSpace(options.from ?? 0);
  if (w.at(at) !== OPEN_OBJECT) reader.fail(at);
  at = yield* reader.object([], at);
  at = reader.skipSpace(at);
  if (w.at(at) !== -1) reader.fail(at);
}

/**
 * The elements of one array of a document (as readJsonDocument reported it: `start` at its `[`),
 * each as a unit.
 */
export function* readJsonArray(source: ByteSource, start: number, path: string[], options: { chunk?: number } = {}): Generator<JsonEvent & { kind: 'unit' }, void> {
  const w = new Window(source, start, options.chunk ?? CHUNK);
  const reader = new StructureReader(w);
  if (w.at(start) !== OPEN_ARRAY) reader.fail(start);
  for (const event of reader.array(path, start)) if (event.kind === 'unit') yield event;
}

class StructureReader {
  constructor(private readonly w: Window) {}

  fail(at: number): never {
    const b = this.w.at(at);
    if (b === -1) throw new JsonSyntaxError(at, true, '');
    let end = at;
    while (end < at + 12 && this.w.at(end) !== -1) end++;
    throw new JsonSyntaxError(at, false, this.w.text(at, end));
  }

  skipSpace(at: number): number {
    while (isSpace(this.w.at(at))) at++;
    return at;
  }

  /** Members of the object whose `{` is at `at`; returns the offset after its `}`. */
  *object(path: string[], at: number): Generator<JsonEvent, number> {
    const w = this.w;
    at = this.skipSpace(at + 1);
    if (w.at(at) === CLOSE_OBJECT) return at + 1;
    for (;;) {
      if (w.at(at) !== QUOTE) this.fail(at);
      const keyEnd = this.stringEnd(at);
      let key: string;
      try {
        key = JSON.parse(w.text(at, keyEnd)) as string;
      } catch {
        this.fail(at);
      }
      at = this.skipSpace(keyEnd);
      if (w.at(at) !== COLON) this.fail(at);
      at = this.skipSpace(at + 1);
      const member = [...path, key];
      const b = w.at(at);
      if (b === OPEN_ARRAY) at = yield* this.array(member, at);
      else if (b === OPEN_OBJECT && member.length < MAX_PATH) {
        at = yield* this.object(member, at);
        yield { kind: 'object', path: member };
      }
      else at = yield* this.unit(member, null, at);
      at = this.skipSpace(at);
      const next = w.at(at);
      if (next === CLOSE_OBJECT) return at + 1;
      if (next !== COMMA) this.fail(at);
      at = this.skipSpace(at + 1);
    }
  }

  /** Elements of the array whose `[` is at `at`; returns the offset after its `]`. */
  *array(path: string[], start: number): Generator<JsonEvent, number> {
    const w = this.w;
    let at = this.skipSpace(start + 1);
    let count = 0;
    if (w.at(at) !== CLOSE_ARRAY) {
      for (;;) {
        at = yield* this.unit(path, count++, at);
        at = this.skipSpace(at);
        const next = w.at(at);
        if (next === CLOSE_ARRAY) break;
        if (next !== COMMA) this.fail(at);
        at = this.skipSpace(at + 1);
      }
    }
    yield { kind: 'array', path, start, end: at + 1, count };
    return at + 1;
  }

  /** One value as a unit; returns the offset after it. */
  *unit(path: string[], index: number | null, at: number): Generator<JsonEvent, number> {
    this.w.keep(at);
    const end = this.valueEnd(at);
    yield { kind: 'unit', path, index, text: this.w.text(at, end), start: at };
    return end;
  }

  /**
   * Where the value at `at` ends, by its brackets and strings only. A number or literal ends at
   * the next delimiter; nothing at all (`[,`, `[}`) fails here.
   */
  private valueEnd(at: number): number {
    const w = this.w;
    const first = w.at(at);
    if (first === QUOTE) return this.stringEnd(at);
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
      let depth = 0;
      for (let i = at; ; i++) {
        const b = w.at(i);
        if (b === -1) this.fail(i);
        if (b === QUOTE) i = this.stringEnd(i) - 1;
        else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
        else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) return i + 1;
      }
    }
    let end = at;
    for (let b = first; b !== -1 && b !== COMMA && b !== CLOSE_OBJECT && b !== CLOSE_ARRAY && !isSpace(b); b = w.at(++end));
    if (end === at) this.fail(at);
    return end;
  }

  /** The offset after the closing quote of the string whose opening quote is at `at`. */
  private stringEnd(at: number): number {
    const w = this.w;
    for (let from = at + 1; ;) {
      const q = w.indexOf(QUOTE, from);
      if (q === -1) throw new JsonSyntaxError(w.size, true, '');
      let backslashes = 0;
      while (w.at(q - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      from = q + 1;
    }
  }
}

/** 1-based line of a byte offset (counts the newlines before it: for an error, once). */
export function lineOfOffset(source: ByteSource, offset: number): number {
  const buf = Buffer.allocUnsafe(CHUNK);
  let line = 1;
  for (let position = 0; position < offset;) {
    const read = source.read(buf.subarray(0, Math.min(CHUNK, offset - position)), position);
    if (read === 0) break;
    for (let i = buf.indexOf(0x0a, 0); i !== -1 && i < read; i = buf.indexOf(0x0a, i + 1)) line++;
    position += read;
  }
  return line;
}
