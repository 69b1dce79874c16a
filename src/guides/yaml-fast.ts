// The fast front-matter parser: js-yaml 4's public `load` with a YAML 1.2 core schema declared here to resolve
// scalars exactly as `yaml` (the parser of record) does with schema 'core'. It answers only when it is
// sure to agree; `undefined` sends the text to `yaml`. Safety does not depend on it: no type it knows
// runs code, mappings are built with __proto__ as an own key, and the plain subset below has no anchors,
// aliases or tags (those go to `yaml` and its alias limits).
type JsYaml = typeof import('js-yaml');

// js-yaml is required on first use, not imported, so that the bundle evaluates it only when a front matter
// is read (a cache hit reads none). The schema is built once: an immutable value, like require's cache.
let core: { load: JsYaml['load']; schema: import('js-yaml').Schema } | undefined;

/** The scalars of yaml's core schema (yaml/dist/schema/core/*.js, common/null.js), same tests, same values. */
function coreSchema() {
  if (core) return core;
  const { load, FAILSAFE_SCHEMA, Type } = require('js-yaml') as JsYaml;
  const schema = FAILSAFE_SCHEMA.extend({
    implicit: [
      new Type('tag:yaml.org,2002:null', {
        kind: 'scalar',
        resolve: (s: string) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
        construct: () => null,
      }),
      new Type('tag:yaml.org,2002:bool', {
        kind: 'scalar',
        resolve: (s: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
        construct: (s: string) => s[0] === 't' || s[0] === 'T',
      }),
      new Type('tag:yaml.org,2002:int', {
        kind: 'scalar',
        resolve: (s: string) => /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(s),
        construct: (s: string) =>
          s.startsWith('0o')
            ? parseInt(s.substring(2), 8)
            : s.startsWith('0x')
              ? parseInt(s.substring(2), 16)
              : parseInt(s, 10),
      }),
      new Type('tag:yaml.org,2002:float', {
        kind: 'scalar',
        resolve: (s: string) =>
          /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
          /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s),
        construct: (s: string) => {
          if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s))
            return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
          if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
          return parseFloat(s);
        },
      }),
    ],
  });
  core = { load, schema };
  return core;
}

// The fast parser takes only front matter written line by line in a plain subset of YAML that both parsers
// read alike: `key: value`, `key:`, `- value`, `- key: value`, comments and blank lines, where a value is a
// plain scalar that starts with no indicator and holds no ": " or " #", a one-line quoted string, or a
// one-line flow list of such items. Anything else (block scalars, multi-line strings, anchors, aliases,
// tags, explicit or complex keys, merge keys, directives, tabs) goes to `yaml`. False alarms only cost speed.
const PLAIN = String.raw`(?:[^\s\-?:,\[\]{}#&*!|>'"%@\x60]|-(?=[\d.]))(?:[^:#\t]|:(?!\s|$)|(?<! )#)*?`;
const QUOTED = String.raw`(?:"(?:[^"\\\t]|\\[^\t])*"|'(?:[^'\t]|'')*')`;
// A flow item's tail is taken whole, as an atomic group would (a lookahead's capture, then the
// backreference): its spaces and the spaces around it could otherwise be split in every way before a line
// fails, which is cubic in the line's length (2,000 spaces then a tab took 1.5 s). `n` numbers the capture.
const flowItem = (n: number) =>
  String.raw`(?:${QUOTED}|[^\s\-?:,\[\]{}#&*!|>'"%@\x60](?=((?:[^,\[\]{}:#\t]|:(?!\s|,|\]))*))` + `\\${n})`;
const flow = (n: number) => String.raw`\[ *(?:${flowItem(n)} *(?:, *${flowItem(n + 1)} *)*,? *)?\]`;
const value = (n: number) => `(?:${QUOTED}|${flow(n)}|${PLAIN})`;
const KEY = String.raw`[A-Za-z0-9_](?:[A-Za-z0-9_ .\/-]*[A-Za-z0-9_])?`;
const COMMENT = `(?: +#.*)?`;
const LINE = new RegExp(`^ *(?:#.*|(?:- +)*(?:${KEY}:(?: +${value(1)})?|${value(3)})${COMMENT} *)?$`);
/** Longer lines go to `yaml`: a plain value's tail and a comment's spaces still split in n² ways. */
const MAX_FAST_LINE = 1000;

/** True when every line is in the plain subset (see above). */
function isPlainSubset(source: string): boolean {
  for (const line of source.split('\n')) if (line.length > MAX_FAST_LINE || !LINE.test(line)) return false;
  return true;
}

/** Parses plain YAML front matter, or returns undefined when `yaml` must decide. Never throws. */
export function parseYamlFast(source: string): { data: unknown } | undefined {
  if (!isPlainSubset(source)) return undefined;
  let data: unknown;
  try {
    const { load, schema } = coreSchema();
    data = load(source, { schema });
  } catch {
    return undefined;
  }
  return plainTree(data) ? { data: data ?? {} } : undefined;
}

/**
 * True when the value is a tree of plain data that `yaml` would give the same way: no object reached
 * twice (no alias slipped through) and no key "null" (`yaml` turns a null key into "", js-yaml into "null").
 */
function plainTree(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) stack.push(...v);
    else {
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const key of Object.keys(v)) {
        if (key === 'null') return false;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return true;
}
