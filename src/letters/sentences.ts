// A letter's text as sentences, each knowing where it starts, so every figure can name its line. Pure.

export interface Sentence {
  /** The sentence, whitespace collapsed to single spaces. */
  text: string;
  /** For each character of `text`, its line (1-based) in the letter's text. */
  lines: Int32Array;
}

/** Abbreviations a sentence does not end at. */
const ABBREVIATIONS =
  /(?:\b(?:inc|ltd|llc|co|corp|plc|mr|mrs|ms|dr|st|no|nr|approx|e\.g|i\.e|etc|vs|jr|sr|p\.a|z\.b|u\.a|ca|bzw|gmbh|dept|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|pvt|u\.s|s\.a)|\b[A-Z])\.$/i;

/** A line that stands alone: a bullet, a numbered item, a "Label: value" row, a heading, a table row. */
const STANDALONE = /^\s*(?:[-•*·▪◦–]\s|\d{1,2}[.)]\s|[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß /&()'.-]{0,40}:\s|#)|\S(?: {2,}|\t)\S/;

/** Longest sentence kept whole; longer runs (a table flattened into one line) are cut here. */
const MAX_SENTENCE = 600;

/**
 * Splits the letter into sentences. Lines of one paragraph are joined (a sentence may wrap); blank lines,
 * bullets and "Label: value" rows end one; within a paragraph, ". " before a capital, digit or symbol ends one.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let chars: string[] = [];
  let lines: number[] = [];
  const flush = () => {
    // Trim, and cut at sentence ends.
    let start = 0;
    const push = (from: number, to: number) => {
      while (from < to && /\s/.test(chars[from])) from++;
      while (to > from && /\s/.test(chars[to - 1])) to--;
      for (let s = from; s < to; s += MAX_SENTENCE) {
        const end = Math.min(to, s + MAX_SENTENCE);
        out.push({ text: chars.slice(s, end).join(''), lines: Int32Array.from(lines.slice(s, end)) });
      }
    };
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (
        (c === '.' || c === '!' || c === '?' || c === ';') &&
        chars[i + 1] === ' ' &&
        i + 2 < chars.length &&
        /[A-Z0-9"“(€$£₹ÄÖÜ]/.test(chars[i + 2])
      ) {
        if (c === '.') {
          const before = chars.slice(Math.max(start, i - 8), i + 1).join('');
          if (ABBREVIATIONS.test(before)) continue;
        }
        push(start, i + 1);
        start = i + 2;
      }
    }
    push(start, chars.length);
    chars = [];
    lines = [];
  };
  const all = text.split('\n');
  let previousStandalone = false;
  for (let n = 0; n < all.length; n++) {
    const raw = all[n];
    const line = raw.replace(/[ \t\u00a0]+/g, (s) => (s.length > 1 || s.includes('\t') ? '  ' : ' ')).trim();
    if (line === '') {
      flush();
      previousStandalone = false;
      continue;
    }
    const standalone = STANDALONE.test(line);
    // A row or item ends at the next line, unless that line continues it (a wrapped line starts in lower case).
    if (standalone || (previousStandalone && !/^[a-z0-9(€$£₹]/.test(line))) flush();
    previousStandalone = standalone || (previousStandalone && chars.length > 0);
    if (chars.length) {
      chars.push(' ');
      lines.push(n + 1);
    }
    // UTF-16 units, as the money reader's offsets count them.
    for (let i = 0; i < line.length; i++) {
      chars.push(line[i]);
      lines.push(n + 1);
    }
    if (line.length > MAX_SENTENCE) flush();
  }
  flush();
  return out.filter((s) => s.text !== '');
}
