// File names are bytes. A name that is valid UTF-8 is its text; a byte of a name that is not is carried
// as a lone surrogate U+DC80–U+DCFF (as Python's "surrogateescape" does), which no UTF-8 name can hold.
// So every name loads, prints escaped (escapeName in text/escape.ts shows those bytes as \xNN), and
// goes back to the file system as the same bytes (fsPath). Pure.

/** A name read as bytes (readdir with encoding 'buffer'), as a string that maps back to the same bytes. */
export function decodeName(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\ufffd') || Buffer.from(text).equals(bytes)) return text;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = utf8Length(bytes, i);
    if (n > 0) {
      out += bytes.subarray(i, i + n).toString('utf8');
      i += n;
    } else out += String.fromCharCode(0xdc00 + bytes[i++]);
  }
  return out;
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function utf8Length(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  // Overlong, surrogate and out-of-range forms are not well-formed.
  if (n === 3 && ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] >= 0xa0))) return 0;
  if (n === 4 && ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] >= 0x90))) return 0;
  return n;
}

const CARRIED_BYTE = /[\udc80-\udcff]/;

/** The path to hand to the file system: the string itself, or its bytes when it carries non-UTF-8 bytes. */
export function fsPath(path: string): string | Buffer {
  if (!CARRIED_BYTE.test(path)) return path;
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of path) {
    const cp = ch.charCodeAt(0);
    if (ch.length === 1 && cp >= 0xdc80 && cp <= 0xdcff) {
      parts.push(Buffer.from(run), Buffer.from([cp - 0xdc00]));
      run = '';
    } else run += ch;
  }
  parts.push(Buffer.from(run));
  return Buffer.concat(parts);
}
