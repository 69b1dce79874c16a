// Splits a guide into YAML front matter and Markdown body with gray-matter, and parses the YAML.
// Only YAML is accepted: ---js, ---coffee … are refused, never run.
// Two parsers, one answer: js-yaml 4 (its public load, with a YAML 1.2 core schema of our own, ~5× faster) reads the plain
// front matter that real guides have; anything it is not sure to read exactly like `yaml` does (anchors,
// aliases, tags, complex keys, anything it rejects) goes to `yaml`, the parser of record, with its alias
// limits and exact error positions. test/frontmatter-fast.test.ts checks the two agree.
import type { Document, LineCounter } from 'yaml';
import { parseYamlFast } from './yaml-fast.js';
import { grayMatter, yamlLib } from './yaml-lib.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The parsed YAML document, to find the line of a field (null when the fast parser read it). */
  doc: Document | null;
  /** Positions in the YAML (null when the fast parser read it). */
  lineCounter: LineCounter | null;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** True when the fast parser read it: field lines are then unknown (parse again with `exact` for them). */
  fast: boolean;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly code = 'syntax',
  ) {
    super(message);
  }
}

/** Normalises what real files carry before any parsing: a BOM, CRLF or CR line endings. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** A guide's YAML is a few KB; anything this big is not a guide. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/** The one front-matter language accepted: `---` or `---yaml` / `---yml`. */
const OPENING = /^---[ \t]*([A-Za-z0-9_-]*)[ \t]*\n/;

export function hasFrontMatter(text: string): boolean {
  return OPENING.test(text);
}

function refuse(language: string) {
  return () => {
    throw new FrontMatterError(
      `front matter in "${language}" is not supported (only YAML); it was not run`,
      1,
      'language',
    );
  };
}

/** Parses YAML with the parser of record (`yaml`), with alias limits; errors carry a 1-based file line. */
function parseYamlExact(source: string): { data: unknown; doc: Document; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    logLevel: 'error',
  });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    // yaml reports its own stack overflow ("[[[[…" thousands deep) as a syntax error: say what it means.
    const message = /call stack/i.test(error.message) ? 'nested too deeply' : firstLine(error.message);
    throw new FrontMatterError(`YAML syntax: ${message} (column ${pos.col})`, pos.line);
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 50 }) ?? {}, doc, lineCounter };
  } catch (err) {
    // yaml's alias limit and anything else the parser refuses: a data error, never a crash.
    throw new FrontMatterError(`YAML: ${firstLine((err as Error).message)}`, 2);
  }
}

/**
 * Parses normalised guide text. Throws FrontMatterError with a 1-based file line.
 * `exact`: always use the parser of record, so that `lineOf` can locate fields.
 */
export function splitFrontMatter(text: string, opts: { exact?: boolean } = {}): FrontMatter {
  const open = OPENING.exec(text);
  if (!open) throw new FrontMatterError('no front matter: the file must start with a line "---"', 1, 'no-front-matter');
  const language = open[1].toLowerCase();
  if (language !== '' && language !== 'yaml' && language !== 'yml') refuse(language)();
  // The closing delimiter must be a line of its own; gray-matter would take the end of the file instead.
  const rest = text.slice(open[0].length);
  const close = /^---[ \t]*$/m.exec(rest);
  if (!close)
    throw new FrontMatterError('front matter is not closed: add a line "---" after the YAML', 1, 'unterminated');
  // yaml's duplicate-key check is quadratic in the keys of a mapping (75,000 keys: two minutes).
  if (close.index > MAX_FRONT_MATTER_CHARS) {
    throw new FrontMatterError(
      `front matter is ${Math.round(close.index / 1024)} KB, over the ${MAX_FRONT_MATTER_CHARS / 1024} KB limit for a guide's YAML`,
      1,
      'too-large',
    );
  }

  // gray-matter splits the file (the YAML runs to the first "\n---"; the body starts after that line);
  // its engines are ours: YAML through the fast reader or the parser of record, every other language
  // refused — its default `javascript` engine would eval the block. It is loaded on first use (a cache
  // hit never parses a guide).
  let lineCounter: LineCounter | null = null;
  let doc: Document | null = null;
  let fast = false;
  const yamlEngine = (source: string): object => {
    const quick = opts.exact ? undefined : parseYamlFast(source);
    if (quick) {
      fast = true;
      return quick.data as object;
    }
    const exact = parseYamlExact(source);
    ({ doc, lineCounter } = exact);
    return exact.data as object;
  };
  const refused = (name: string) => ({ parse: refuse(name), stringify: refuse(name) });
  const file = grayMatter()(text, {
    language: 'yaml',
    engines: {
      yaml: yamlEngine,
      yml: yamlEngine,
      js: refused('js'),
      javascript: refused('javascript'),
      json: refused('json'),
      coffee: refused('coffee'),
    },
  });
  const data: unknown = file.data;
  const body = file.content;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('front matter must be a YAML mapping (name: value lines)', 2, 'type');
  }
  const frontLines = rest.slice(0, close.index).split('\n').length - 1;
  return { data: data as Record<string, unknown>, doc, lineCounter, body, bodyLine: frontLines + 3, fast };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** The 1-based file line of a front-matter path (["compensation", 0, "base_low"]), when known. */
export function lineOf(fm: Pick<FrontMatter, 'doc' | 'lineCounter'>, path: (string | number)[]): number | undefined {
  if (!fm.doc || !fm.lineCounter) return undefined;
  let node: unknown;
  try {
    node = fm.doc.getIn(path, true);
  } catch {
    return undefined;
  }
  // Scalars and collections carry a range; fall back to the parent's.
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return path.length > 1 ? lineOf(fm, path.slice(0, -1)) : undefined;
  return fm.lineCounter.linePos(range[0]).line;
}

/** "compensation[0].base_low": how messages and `unknownFields` name a front-matter path. */
export function formatFieldPath(path: (string | number)[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * The 1-based file line of every field and list item of the front matter, by formatted path
 * (`formatFieldPath`): the line of a field's key, of a list item's first line. Plain data, so that
 * checks made after parsing (validate) can point at a line without the YAML document.
 */
export function collectFieldLines(fm: Pick<FrontMatter, 'doc' | 'lineCounter'>): Record<string, number> {
  const lines: Record<string, number> = {};
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range && fm.lineCounter ? fm.lineCounter.linePos(range[0]).line : undefined;
  };
  if (!fm.doc) return lines;
  const { isMap, isSeq } = yamlLib();
  const visit = (node: unknown, path: (string | number)[], depth: number) => {
    if (depth > 8) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = (pair.key as { value?: unknown } | null)?.value ?? pair.key;
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const child = [...path, String(key)];
        const line = lineAt(pair.key) ?? lineAt(pair.value);
        if (line !== undefined) lines[formatFieldPath(child)] ??= line;
        visit(pair.value, child, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = [...path, i];
        const line = lineAt(item);
        if (line !== undefined) lines[formatFieldPath(child)] ??= line;
        visit(item, child, depth + 1);
      });
    }
  };
  visit(fm.doc?.contents, [], 0);
  return lines;
}
