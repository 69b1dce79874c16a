// Reading an offer letter: the file or stdin, bounded (20 MiB, refused before more is read), and its type,
// told by the name's extension or, for stdin, by the content. I/O only; what the bytes mean is text.ts's.
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, readBoundedBytes } from '../files.js';
import { escapeName } from '../text/escape.js';

/** Letters and postings may be larger than other user files (SPEC §6): 20 MiB. */
export const MAX_LETTER_BYTES = MAX_DOCUMENT_BYTES;

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
  if (ext === '.doc')
    throw new UsageError(`${path}: old Word .doc files are not read`, [
      'save it as .docx or PDF (File → Save As), then run extract on that',
    ]);
  throw new UsageError(`${path}: unsupported letter type "${ext || '(no extension)'}"`, [`give ${SUPPORTED}`]);
}

/** The type of bytes read from stdin: %PDF, a zip holding word/document.xml, HTML, else text. */
export function typeFromContent(bytes: Buffer): LetterType {
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (/^\s*%PDF-/.test(head)) return 'pdf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    // Names are in the local headers and the central directory: both are plain bytes.
    if (bytes.includes('word/document.xml')) return 'docx';
    throw new UsageError('stdin: a zip archive that is not a Word document (no word/document.xml)', [
      `give ${SUPPORTED}`,
    ]);
  }
  const text = head
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>]|<table)/.test(text)) return 'html';
  if (
    /^(mime-version|content-type|received|return-path|from|to|subject|date|message-id|delivered-to):/i.test(text) &&
    /\n\s*\r?\n/.test(bytes.subarray(0, 64 * 1024).toString('latin1'))
  ) {
    return 'eml';
  }
  return 'text';
}

/**
 * Reads the letter a user named: a regular file of at most 20 MiB (refused from its size before it is
 * read), or stdin ("-", read up to the cap and refused past it), through the bounded reader of src/files.ts.
 * Problems are usage errors (exit 2) naming the file; an unsupported type is refused before anything is read.
 */
export function readLetter(path: string, what = 'letter', cap = MAX_LETTER_BYTES): LetterBytes {
  if (path === '-') {
    const bytes = readBoundedBytes('-', what, cap);
    if (bytes.length === 0)
      throw new UsageError('stdin: the letter is empty', ['pipe the letter in, e.g. negotiate extract - < offer.txt']);
    return { name: 'stdin', type: typeFromContent(bytes), bytes };
  }
  const type = typeFromName(path);
  // Names are shown escaped (a file name is bytes: it may hold control characters).
  return { name: escapeName(path), type, bytes: readBoundedBytes(path, what, cap) };
}
