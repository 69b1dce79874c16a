// Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 ("â€“" for "–", "Â£" for "£").
// Node 20's TextDecoder('windows-1252') maps 0x80–0x9F wrongly, so the table is explicit.

/** Windows-1252 bytes 0x80–0x9F as Unicode; the five undefined bytes map to their C1 control. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The bytes a Windows-1252 decoder drops or passes through as C1 controls: lost in real mojibake. */
const LOST_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

const BYTE_OF = new Map<number, number>();
for (let b = 0xa0; b <= 0xff; b++) BYTE_OF.set(b, b);
for (const [i, cp] of CP1252_HIGH.entries()) BYTE_OF.set(cp, 0x80 + i);

/** How many bytes a UTF-8 sequence starting with this lead byte has (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number) => b >= 0x80 && b <= 0xbf;

/** Decodes one complete UTF-8 sequence, or returns undefined when it is not valid (overlong, surrogate…). */
function decodeSequence(bytes: number[]): string | undefined {
  const n = bytes.length;
  let cp: number;
  if (n === 2) cp = ((bytes[0] & 0x1f) << 6) | (bytes[1] & 0x3f);
  else if (n === 3) cp = ((bytes[0] & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f);
  else cp = ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** True when putting back one lost byte somewhere in this truncated sequence makes it valid UTF-8. */
function isTruncatedByLostByte(bytes: number[]): boolean {
  const want = sequenceLength(bytes[0]);
  if (bytes.length !== want - 1) return false;
  for (let at = 1; at <= bytes.length; at++) {
    for (const lost of LOST_BYTES) {
      const candidate = [...bytes.slice(0, at), lost, ...bytes.slice(at)];
      if (decodeSequence(candidate) !== undefined) return true;
    }
  }
  return false;
}

export interface Repair {
  text: string;
  /** How many broken sequences were repaired or dropped. */
  repairs: number;
}

/** One pass over the text: each run of Windows-1252-encodable characters is re-read as UTF-8 bytes. */
function repairOnce(text: string): Repair {
  let out = '';
  let repairs = 0;
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const byte = BYTE_OF.get(chars[i].codePointAt(0)!);
    const len = byte === undefined ? 0 : sequenceLength(byte);
    if (len === 0) {
      out += chars[i++];
      continue;
    }
    // Collect the lead byte and the continuation bytes after it (as far as the sequence reaches).
    const bytes = [byte!];
    let j = i + 1;
    while (j < chars.length && bytes.length < len) {
      const next = BYTE_OF.get(chars[j].codePointAt(0)!);
      if (next === undefined || !isContinuation(next)) break;
      bytes.push(next);
      j++;
    }
    const decoded = bytes.length === len ? decodeSequence(bytes) : undefined;
    if (decoded !== undefined) {
      out += decoded;
      repairs++;
      i = j;
    } else if (bytes.length > 1 && isTruncatedByLostByte(bytes)) {
      // A multi-byte character that lost a byte to Windows-1252 (broken emoji): unrecoverable, dropped.
      repairs++;
      i = j;
      // Don't leave a double space where the character stood ("### ðŸ—ï¸ Title" → "### Title").
      if (chars[i] === ' ' && (out === '' || /\s$/.test(out))) i++;
    } else {
      out += chars[i++];
    }
  }
  return { text: out, repairs };
}

/**
 * Repairs mojibake in a string, to a fixpoint, so that repairing twice changes nothing.
 * Text without mojibake comes back unchanged ("Zürich", "naïve", "£132K").
 */
export function repairMojibake(text: string): Repair {
  // Every repair starts at a character that stands for a UTF-8 lead byte (0xC2–0xF4 → U+00C2–U+00F4):
  // text without one has nothing to repair (most guides), and is not walked character by character.
  if (!/[\u00c2-\u00f4]/.test(text)) return { text, repairs: 0 };
  let total = 0;
  let current = text;
  // Each changing pass makes the text shorter, so this ends; the bound is belt and braces.
  for (let pass = 0; pass < 8; pass++) {
    const { text: next, repairs } = repairOnce(current);
    if (repairs === 0) break;
    total += repairs;
    current = next;
  }
  return { text: current, repairs: total };
}

/** Repairs every string inside a parsed YAML value (objects, arrays), counting the repairs. */
export function repairDeep<T>(value: T, counter: { repairs: number }): T {
  if (typeof value === 'string') {
    const r = repairMojibake(value);
    counter.repairs += r.repairs;
    return r.text as T;
  }
  if (Array.isArray(value)) return value.map((v) => repairDeep(v, counter)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      Object.defineProperty(out, k, {
        value: repairDeep(v, counter),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out as T;
  }
  return value;
}
