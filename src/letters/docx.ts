// A Word (.docx) letter's text, through mammoth. This module is a bundle of its own, loaded only when a
// Word file is read. The archive is checked first (zip.ts): a zip bomb never reaches the library.
import mammoth from 'mammoth';
import { htmlToText } from '../text/html.js';
import { DataError } from '../errors.js';
import { checkWordArchive, ZipProblem } from './zip.js';

/** The document as text: paragraphs as lines, table rows as lines with their cells spaced apart. */
export async function docxToText(bytes: Buffer, name: string): Promise<{ text: string; messages: string[] }> {
  const bad = (why: string) =>
    new DataError(`${name}: cannot be read as a Word document: ${why}`, {
      file: name,
      hints: ['open it in a word processor and save it again as .docx or PDF'],
    });
  try {
    checkWordArchive(bytes);
  } catch (err) {
    if (err instanceof ZipProblem) throw bad(err.message);
    throw err;
  }
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      // Images are never read: a letter's numbers are in its text.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
  } catch (err) {
    throw bad((err as Error)?.message ?? String(err));
  }
  return {
    text: htmlToText(result.value, { tableCells: true }),
    messages: result.messages.filter((m) => m.type === 'error').map((m) => m.message),
  };
}
