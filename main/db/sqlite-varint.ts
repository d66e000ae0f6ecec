/**
 * SQLite's varint, as FTS5 writes them in its records (the "averages" row count, the structure
 * record's level and segment counts): big-endian, 7 bits a byte while the high bit is set, the 9th
 * byte whole. The value at `at` and where the next begins; null if `bytes` ends first.
 */
export function readVarint(bytes: Uint8Array, at = 0): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}
