// Reading an offer letter: the file or stdin, bounded (20 MiB, refused before more is read), and its type,
// told by the name's extension or, for stdin, by the content. I/O only; what the bytes mean is text.ts's.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';

/** Letters and postings may be larger than other user files (SPEC §6): 20 MiB. */
export const MAX_LETTER_BYTES = 20 * 1024 * 1024;

export type LetterType = 'text' | 'markdown' | 'eml' | 'html' | 'pdf' | 'docx';

export interface LetterBytes {
  /** The name as the user gave it ("-" for stdin, shown as "stdin"). */
  name: string;
  type: LetterType;
  bytes: Buffer;
}

const BY_EXTENSION: Record<string, LetterType> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.eml': 'eml',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

export const SUPPORTED = 'a .txt, .md, .eml, .html, .pdf or .docx file, or - for stdin';

/** The type a file name says; unsupported names are a usage error naming the file. */
export function typeFromName(path: string): LetterType {
  const ext = extname(path).toLowerCase();
  const type = BY_EXTENSION[ext];
  if (type) return type;
  if (ext === '.doc') throw new UsageError(`${path}: old Word .doc files are not read`, ['save it as .docx or PDF (File → Save As), then run extract on that']);
  throw new UsageError(`${path}: unsupported letter type "${ext || '(no extension)'}"`, [`give ${SUPPORTED}`]);
}

/** The type of bytes read from stdin: %PDF, a zip holding word/document.xml, HTML, else text. */
export function typeFromContent(bytes: Buffer): LetterType {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (/^\s*%PDF-/.test(head)) return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    // Names are in the local headers and the central directory: both are plain bytes.
    if (bytes.includes('word/document.xml')) return 'docx';
    throw new UsageError('stdin: a zip archive that is not a Word document (no word/document.xml)', [`give ${SUPPORTED}`]);
  }
  const text = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>]|<table)/.test(text)) return 'html';
  if (/^(mime-version|content-type|received|return-path|from|to|subject|date|message-id|delivered-to):/i.test(text) && /\n\s*\r?\n/.test(bytes.subarray(0, 64 * 1024).toString('latin1'))) {
    return 'eml';
  }
  return 'text';
}

function tooLarge(name: string, size: string): UsageError {
  return new UsageError(`${name} is too large (${size}; a letter is at most ${MAX_LETTER_BYTES / 1024 / 1024} MiB)`, ['give the letter itself, or save the pages with the offer as a smaller PDF']);
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return (err as Error)?.message ?? String(err);
}

/** Reads at most `cap` + 1 bytes from an open descriptor (the extra byte tells "over the cap"). */
function readCapped(fd: number, cap: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, cap + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > cap) break;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads the letter a user named: a regular file of at most 20 MiB (checked before it is read), or stdin
 * ("-", read up to the cap and refused past it). Problems are usage errors (exit 2) naming the file.
 */
export function readLetter(path: string, what = 'letter', cap = MAX_LETTER_BYTES): LetterBytes {
  if (path === '-') {
    let bytes: Buffer;
    try {
      bytes = readCapped(0, cap);
    } catch (err) {
      throw new UsageError(`stdin cannot be read: ${reason(err)}`);
    }
    if (bytes.length > cap) throw tooLarge('stdin', `more than ${cap} bytes`);
    if (bytes.length === 0) throw new UsageError('stdin: the letter is empty', ['pipe the letter in, e.g. negotiate extract - < offer.txt']);
    return { name: 'stdin', type: typeFromContent(bytes), bytes };
  }
  const type = typeFromName(path);
  let fd: number;
  try {
    // Non-blocking: opening a named pipe must not wait for a writer (it is refused as not a regular file).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new UsageError(`${what} ${path} cannot be read: ${reason(err)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(`${what} ${path} cannot be read: it is a folder`);
    if (!st.isFile()) throw new UsageError(`${what} ${path} is not a regular file`, ['give a file, or - to read the letter from stdin']);
    if (st.size > cap) throw tooLarge(path, `${st.size} bytes`);
    const bytes = readCapped(fd, cap);
    // A file that grew after it was measured is refused the same way.
    if (bytes.length > cap) throw tooLarge(path, `more than ${cap} bytes`);
    return { name: path, type, bytes };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${what} ${path} cannot be read: ${reason(err)}`);
  } finally {
    closeSync(fd);
  }
}
