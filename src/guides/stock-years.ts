// The grant's vesting years as a guide's body states them: a cheap scan that the index needs at load time,
// kept apart from body.ts so that loading guides does not load the Markdown lexer.

/** The vesting years a heading or sentence names: "Stock (RSU/4yr)", "RSUs over 4 years". */
export function findYears(text: string): number | null {
  const m = /(\d{1,2})\s*(?:-\s*)?(?:yrs?|years?)\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 10 ? n : null;
}

/** The grant's vesting years, as the body states them, cheaply (for the index: no full parse). */
export function findStockYears(markdown: string): number | null {
  for (const l of markdown.split('\n', 200)) {
    if (l.startsWith('|') && /stock|rsu|equity/i.test(l)) {
      const y = findYears(l);
      if (y) return y;
    }
  }
  // Bounded like every figure read from prose (SPEC §2: 1–10 years): "RSUs over 0 years" is no vesting period.
  const over = /(?:RSUs?|stock|equity)\s+over\s+(\d{1,2})\s+years?/i.exec(markdown);
  const n = over ? Number(over[1]) : null;
  return n !== null && n >= 1 && n <= 10 ? n : null;
}
