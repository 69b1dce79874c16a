// A letter's bytes → its text, by type. PDF and Word readers are bundles of their own, loaded here only
// for their type; pdfjs-dist prints on the console when it loads (warnings about optional packages),
// so it is loaded, and run, with the console sent to stderr, where only what it says that matters is kept.
import type { LetterBytes } from './read.js';
import { htmlToText } from '../text/html.js';
import { emailToText, decodeText, normaliseText } from './text.js';

/** Letter text longer than this is read up to here (a letter is a few pages), and a note says so. */
export const MAX_LETTER_CHARS = 1_000_000;

export interface LetterText {
  text: string;
  /** Said on stderr: which e-mail part was read, pages skipped, attachments not read … */
  notes: string[];
}

/** Warnings pdfjs prints about rendering, which extract never does: not worth a line. */
const RENDERING_ONLY = /@napi-rs\/canvas|Cannot polyfill|Cannot access the `require` function|rendering may be broken/;

/**
 * Runs `work` with console.log/info/warn/debug sent to `sink` (stderr), restored afterwards whatever happens.
 * Messages about rendering (the optional canvas package absent) are dropped.
 */
export async function withConsoleToStderr<T>(sink: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  const send = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (!RENDERING_ONLY.test(line)) sink(line);
  };
  console.log = console.info = console.warn = console.debug = send;
  try {
    return await work();
  } finally {
    Object.assign(console, saved);
  }
}

export async function letterText(letter: LetterBytes, warn: (line: string) => void): Promise<LetterText> {
  const notes: string[] = [];
  let text: string;
  switch (letter.type) {
    case 'text':
      text = decodeText(letter.bytes);
      break;
    case 'markdown':
      // Emphasis and heading marks out; lines stay where they are.
      text = decodeText(letter.bytes)
        .replace(/\*\*|__|(?<=\s|^)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,;:])/gm, '')
        .replace(/^#{1,6}\s+/gm, '');
      break;
    case 'html':
      text = htmlToText(decodeText(letter.bytes), { tableCells: true });
      break;
    case 'eml': {
      const mail = emailToText(letter.bytes);
      text = mail.text;
      if (mail.part === 'text/html')
        notes.push(`${letter.name}: read the e-mail's HTML part (it has no plain-text part)`);
      if (mail.attachments.length)
        notes.push(
          `${letter.name}: attachments not read: ${mail.attachments.join(', ')} (save one and run extract on it)`,
        );
      break;
    }
    case 'pdf': {
      const pdf = await withConsoleToStderr(warn, async () => {
        const { pdfToText } = await import('./pdf.js');
        return pdfToText(letter.bytes, letter.name);
      });
      text = pdf.text;
      if (pdf.skippedPages)
        notes.push(`${letter.name}: read the first ${pdf.pages - pdf.skippedPages} of ${pdf.pages} pages`);
      if (!text.trim())
        notes.push(`${letter.name}: the PDF has no text layer (a scan?); copy the letter's text into a .txt file`);
      break;
    }
    case 'docx': {
      const { docxToText } = await import('./docx.js');
      const doc = await docxToText(letter.bytes, letter.name);
      text = doc.text;
      for (const m of doc.messages) notes.push(`${letter.name}: ${m}`);
      break;
    }
  }
  if (text.length > MAX_LETTER_CHARS) {
    notes.push(
      `${letter.name}: read the first ${MAX_LETTER_CHARS.toLocaleString('en')} characters of ${text.length.toLocaleString('en')}`,
    );
    text = text.slice(0, MAX_LETTER_CHARS);
  }
  return { text: normaliseText(text), notes };
}
