// A letter's bytes as text: decoding, HTML as text, and e-mail (MIME parts, transfer encodings,
// charsets). Pure. PDF and Word files are turned into text by their own modules (pdf.ts, docx.ts),
// which load their libraries only when such a file is read.
import { repairMojibake } from '../guides/mojibake.js';
import { htmlToText } from '../text/html.js';

/** Bytes as text: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252 when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const label = charset
    ?.trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (label && label !== 'utf-8' && label !== 'utf8' && label !== 'us-ascii') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown charset: read as UTF-8 below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Line endings to \n, mojibake repaired, no-break and thin spaces kept (money uses them), other controls dropped. */
export function normaliseText(text: string): string {
  const lf = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n');
  return repairMojibake(lf).text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

// ---- e-mail -------------------------------------------------------------------------------------

interface MimePart {
  headers: Map<string, string>;
  body: Buffer;
}

/** MIME nesting deeper than this is not followed (a hostile message can nest without end). */
const MAX_MIME_DEPTH = 8;
const MAX_MIME_PARTS = 200;

function splitHeaders(raw: Buffer): MimePart {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  const headText = m ? text.slice(0, m.index) : text;
  const bodyStart = m ? m.index + m[0].length : raw.length;
  const headers = new Map<string, string>();
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** A header's parameter: `charset`, `boundary` … */
function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i];
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBody(part: MimePart): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body.toString('latin1'));
  return part.body;
}

/** The leaf parts of a message, in order (multipart containers opened, up to a depth and a count). */
function leafParts(part: MimePart, depth: number, out: MimePart[]): void {
  if (out.length >= MAX_MIME_PARTS) return;
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const boundary = param(part.headers.get('content-type'), 'boundary');
  if (type.startsWith('multipart/') && boundary && depth < MAX_MIME_DEPTH) {
    const text = part.body.toString('latin1');
    const delimiter = `--${boundary}`;
    const pieces = text.split(delimiter);
    // pieces[0] is the preamble; a piece starting with "--" is the epilogue.
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      const body = piece.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '');
      leafParts(splitHeaders(Buffer.from(body, 'latin1')), depth + 1, out);
    }
    return;
  }
  out.push(part);
}

/** Decodes "=?utf-8?B?…?=" and "=?iso-8859-1?Q?…?=" words in a header. */
function decodeHeaderWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
    const bytes =
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return decodeText(bytes, charset);
  });
}

export interface EmailText {
  text: string;
  /** Which part was read: "text/plain" or "text/html". */
  part: string | null;
  /** The Subject header, decoded (often names the role). */
  subject: string | null;
  /** Attachments that could hold the offer (PDF, Word), by name: said in a note, not read. */
  attachments: string[];
}

/** An e-mail's text: its plain-text part, else its HTML part as text; with its subject line first. */
export function emailToText(raw: Buffer): EmailText {
  const top = splitHeaders(raw);
  const leaves: MimePart[] = [];
  leafParts(top, 0, leaves);
  const typeOf = (p: MimePart) => (p.headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
  const isAttachment = (p: MimePart) => /^attachment/i.test(p.headers.get('content-disposition') ?? '');
  const plain = leaves.find((p) => typeOf(p) === 'text/plain' && !isAttachment(p));
  const html = leaves.find((p) => typeOf(p) === 'text/html' && !isAttachment(p));
  const chosen = plain ?? html;
  const subjectRaw = top.headers.get('subject');
  const subject = subjectRaw ? decodeHeaderWords(subjectRaw) : null;
  const attachments = leaves
    .filter((p) => p !== chosen && /pdf|word|officedocument/i.test(typeOf(p)))
    .map(
      (p) =>
        param(p.headers.get('content-disposition'), 'filename') ??
        param(p.headers.get('content-type'), 'name') ??
        typeOf(p),
    );
  if (!chosen) return { text: subject ? `Subject: ${subject}` : '', part: null, subject, attachments };
  const decoded = decodeText(decodeBody(chosen), param(chosen.headers.get('content-type'), 'charset'));
  const body = chosen === html && !plain ? htmlToText(decoded, { tableCells: true }) : decoded;
  return { text: `${subject ? `Subject: ${subject}\n\n` : ''}${body}`, part: typeOf(chosen), subject, attachments };
}
