// A Word file is a zip archive. Before a library opens one, its central directory is read here and every
// part a reader inflates is inflated once with its stated size as the limit: a zip bomb (a small file
// that inflates to gigabytes, or whose sizes lie) is refused within a fixed amount of memory and time.
import { inflateRawSync } from 'node:zlib';

/** Limits for a Word letter: far above any real one. */
export const ZIP_LIMITS = { entries: 2000, entryBytes: 32 * 1024 * 1024, totalBytes: 64 * 1024 * 1024, ratio: 200 };

export class ZipProblem extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's entries, from its central directory; a damaged or oversized archive is a ZipProblem. */
export function listZip(buf: Buffer): ZipEntry[] {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipProblem('not a zip archive (no central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipProblem('a ZIP64 archive: far larger than a letter');
  if (count > ZIP_LIMITS.entries)
    throw new ZipProblem(`${count} parts: more than a letter has (at most ${ZIP_LIMITS.entries})`);
  if (dirOffset + dirSize > buf.length)
    throw new ZipProblem('the central directory lies outside the file (truncated?)');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw new ZipProblem('a damaged central directory');
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    if (size > ZIP_LIMITS.entryBytes)
      throw new ZipProblem(`${name} inflates to ${size} bytes (at most ${ZIP_LIMITS.entryBytes})`);
    if (compressedSize > 0 && size / compressedSize > ZIP_LIMITS.ratio && size > 1024 * 1024)
      throw new ZipProblem(`${name} inflates ${Math.round(size / compressedSize)} times (a zip bomb?)`);
    total += size;
    if (total > ZIP_LIMITS.totalBytes)
      throw new ZipProblem(`the parts inflate to more than ${ZIP_LIMITS.totalBytes} bytes`);
    entries.push({ name, method, compressedSize, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, inflated with its stated size as the limit (a part that inflates past it is refused). */
export function readZipEntry(buf: Buffer, e: ZipEntry): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw new ZipProblem(`${e.name}: a damaged entry`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) throw new ZipProblem(`${e.name}: truncated`);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipProblem(`${e.name}: its sizes disagree`);
    return data;
  }
  if (e.method !== 8) throw new ZipProblem(`${e.name}: compressed with method ${e.method}, which Word does not use`);
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    if (out.length !== e.size)
      throw new ZipProblem(`${e.name}: inflates to ${out.length} bytes, not the ${e.size} it states`);
    return out;
  } catch (err) {
    if (err instanceof ZipProblem) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new ZipProblem(`${e.name}: inflates past the ${e.size} bytes it states (a zip bomb?)`);
    throw new ZipProblem(`${e.name}: cannot be inflated (${(err as Error).message})`);
  }
}

/**
 * Checks a Word archive: bounded entries, word/document.xml present, and every XML part (what a reader
 * inflates) true to its stated size. Returns the entries.
 */
export function checkWordArchive(buf: Buffer): ZipEntry[] {
  const entries = listZip(buf);
  if (!entries.some((e) => e.name === 'word/document.xml'))
    throw new ZipProblem('a zip archive without word/document.xml: not a Word document');
  for (const e of entries) if (/\.(xml|rels)$/i.test(e.name)) readZipEntry(buf, e);
  return entries;
}
