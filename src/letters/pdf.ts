// A PDF's text layer, through pdfjs-dist's legacy build (for Node 20). This module is a bundle of its own,
// loaded only when a PDF is read (see src/letters/load.ts, which imports it with the console sent to stderr).
import { getDocument, InvalidPDFException, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { WorkerMessageHandler } from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { DataError } from '../errors.js';

/** What a letter can need; a longer document is read up to here, and said so. */
export const MAX_PDF_PAGES = 50;
export const MAX_PDF_CHARS = 2_000_000;

export interface PdfText {
  text: string;
  pages: number;
  /** Pages left unread past MAX_PDF_PAGES (or past MAX_PDF_CHARS). */
  skippedPages: number;
}

/** A PDF that cannot be read as one (damaged, or encrypted): exit 3, naming the file. */
function problem(name: string, why: string, hint: string): DataError {
  return new DataError(`${name}: cannot be read as a PDF: ${why}`, { file: name, hints: [hint] });
}
const ENCRYPTED_HINT =
  "open it with its password and print it to a new PDF, or copy the letter's text into a .txt file";
const CORRUPT_HINT = "save or download it again, or copy the letter's text into a .txt file";

interface TextItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

/** Reads the text of each page in order: items on a line joined, lines by their position, a blank line between paragraphs. */
export async function pdfToText(bytes: Uint8Array, name: string): Promise<PdfText> {
  // The fake worker runs in this thread: no worker file to find, in a bundle or a global install.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= { WorkerMessageHandler };
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    // Caps what pdfjs decodes for images it never renders here.
    maxImageSize: 1024 * 1024,
  });
  // A password prompt is an error here, never a wait.
  task.onPassword = () => {
    void task.destroy();
  };
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    if ((err as Error)?.name === 'PasswordException')
      throw problem(name, 'it is encrypted (it needs a password)', ENCRYPTED_HINT);
    if (err instanceof InvalidPDFException || (err as Error)?.name === 'InvalidPDFException')
      throw problem(name, 'it is damaged or not a PDF', CORRUPT_HINT);
    const message = (err as Error)?.message ?? String(err);
    if (/password|destroyed|Worker was destroyed/i.test(message))
      throw problem(name, 'it is encrypted (it needs a password)', ENCRYPTED_HINT);
    throw problem(name, message, CORRUPT_HINT);
  }
  try {
    const lines: string[] = [];
    let chars = 0;
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    let read = 0;
    for (let n = 1; n <= pages && chars < MAX_PDF_CHARS; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      let lastY: number | undefined;
      let lastHeight = 0;
      const flush = () => {
        lines.push(line.replace(/\s+$/, ''));
        chars += line.length + 1;
        line = '';
      };
      for (const item of content.items as TextItem[]) {
        if (typeof item.str !== 'string') continue;
        // An empty item marks a line's end (its position is the next line's): it only ends the line.
        if (item.str !== '') {
          const y = item.transform?.[5];
          const gap = lastY !== undefined && y !== undefined ? Math.abs(y - lastY) : 0;
          const height = Math.max(lastHeight, 1);
          if (line !== '' && gap > Math.max(2, height * 0.5)) flush();
          // A gap of about two lines or more is a paragraph break.
          if (line === '' && gap > height * 1.9 && lines.length && lines[lines.length - 1] !== '') lines.push('');
          line += item.str;
          if (y !== undefined) lastY = y;
          if (item.height) lastHeight = item.height;
        }
        if (item.hasEOL && line !== '') flush();
        if (chars + line.length > MAX_PDF_CHARS) break;
      }
      if (line) flush();
      lines.push('');
      read = n;
      page.cleanup();
    }
    return {
      text: lines.join('\n').replace(/\n{3,}/g, '\n\n'),
      pages: doc.numPages,
      skippedPages: doc.numPages - read,
    };
  } catch (err) {
    throw problem(name, `a page cannot be read: ${(err as Error)?.message ?? String(err)}`, CORRUPT_HINT);
  } finally {
    await doc.destroy();
  }
}
