// Shared pieces of the hostile-input suite: payloads, a guide that carries them everywhere, and the check
// that text is safe for a terminal.
import { guideText } from '../helpers.js';

/** Every kind of terminal control a guide could smuggle: SGR, OSC 8 hyperlink, OSC 0 title, BEL, CR, BS, C1 CSI/OSC/ST, NEL, RLO, DEL, DCS, RIS. */
export const RAW_PAYLOAD =
  '\u001b[31mRED\u001b]8;;http://evil.invalid\u0007LINK\u001b]8;;\u0007\u001b]0;TITLE\u0007\u0007BEL\rCR\bBS\u009b31mCSI\u009d0;T\u009c\u0085NEL\u202eRLO\u007fDEL\u001bP+q\u001b\\\u001bcRIS';
/** The same payload as a YAML double-quoted scalar (YAML escapes: \e, \a, \x9b …; also \0, a NUL). */
export const YAML_PAYLOAD =
  '"\\e[31mRED\\e]8;;http://evil.invalid\\aLINK\\e]8;;\\a\\e]0;TITLE\\a\\aBEL\\rCR\\bBS\\x9b31mCSI\\x9d0;T\\x9c\\x85NEL\\u202eRLO\\x7fDEL\\eP+q\\e\\\\\\ecRIS\\0NUL"';

/** What must never reach a terminal from a file: C0 controls but newline and tab, DEL, C1, bidi overrides. */
export const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Fails with the surrounding text when output carries a control character. */
export function unsafeAt(text: string): string | null {
  const m = UNSAFE.exec(text);
  return m ? JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 10)) : null;
}

/** A valid guide (company `evil`, role `eng`) with the payload in every text field and every body section. */
export function evilGuide(company = 'evil'): string {
  const q = YAML_PAYLOAD;
  const r = RAW_PAYLOAD;
  return guideText({
    company,
    role: 'eng',
    bands: `  - region: ${q}
    currency: USD
    base_low: 100000
    base_high: 200000
    stock_low: 100000
    stock_high: 200000
    bonus_pct: 10
    total_comp_low: 135000
    total_comp_high: 270000
  - region: Plain City
    currency: USD
    base_low: 100000
    base_high: 200000`,
    extra: `role_type: ${q}
data_quality: ${q}
salary_data_quarter: ${q}
negotiation_dna_summary: ${q}
level_mapping:
  internal: ${q}
  raw: ${q}
${q}: unknown field
`,
    body: `# Title ${r}

**Negotiation DNA:** ${r}

**Level Mapping:** Evil (L3-L5) = Google L4-L6 ${r}

| Region ${r} | Base ${r} | Stock (RSU/4yr) | Bonus | Total Comp |
|---|---|---|---|---|
| ${r} | $100K–$200K ${r} | $100K–$200K | 10% | $135K–$270K |

**Global Levers**

1. **Lever ${r}:** "script ${r}"
2. **Equity ${r}:** ${r}

### Equity lever ${r}

Para ${r} [link ${r}](http://x.invalid "${r}") \`code ${r}\` <b>${r}</b>

> **Negotiate Up Strategy:** "${r} $180K base, $300K in RSUs over 4 years, 15% bonus [Foo ${r} at $300K TC]. Accept at $150K+ base and $150K+ RSUs ${r}"

\`\`\`
code block ${r}
\`\`\`

<div>${r}</div>

**Evidence & Sources**

- Evidence ${r}

Setext ${r}
===
`,
  })
    .replace('company_display: Acme Corp', `company_display: ${q}`)
    .replace('role_display: Data Engineer', `role_display: ${q}`)
    .replace('  - Synthetic test data', `  - ${q}`);
}
