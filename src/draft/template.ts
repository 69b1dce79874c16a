// A small, logic-less placeholder language for counter-offer templates. Pure: the caller reads the file.
//
//   {{name}}                 a value (text); null or empty renders as nothing
//   {{#name}} … {{/name}}    a section: repeated per item for a list, shown once for a non-empty value
//   {{^name}} … {{/name}}    an inverted section: shown when the value is empty, false or an empty list
//   {{! a comment }}         ignored
//
// Inside a list section the item's fields are in scope first, then the outer values. A line that holds
// only section or comment tags (and spaces) leaves no blank line behind. Every placeholder is checked
// against the schema before anything renders: an unknown name is a usage error naming the file and line.
import { UsageError } from '../errors.js';
import { editDistance } from '../text/names.js';
import { escapeName } from '../text/escape.js';

export type TemplateScalar = string | number | boolean | null | undefined;
export type TemplateItem = Record<string, TemplateScalar>;
export type TemplateValue = TemplateScalar | TemplateItem[];
export type TemplateData = Record<string, TemplateValue>;

/** The names a template may use: plain values, and lists with the fields of their items. */
export interface TemplateSchema {
  values: readonly string[];
  lists: Readonly<Record<string, readonly string[]>>;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string; line: number }
  | { kind: 'section'; name: string; inverted: boolean; line: number; children: Node[] };

export interface Template {
  file: string;
  nodes: Node[];
}

const TAG = /\{\{\s*([#^/!]?)\s*([\s\S]*?)\s*\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const STANDALONE = /^[ \t]*(?:\{\{\s*[#^/!][^}]*\}\}[ \t]*)+\r?\n?$/;

/** Sections nest at most this deep; deeper is a usage error naming the line. */
export const MAX_TEMPLATE_DEPTH = 16;
/**
 * A rendered message is at most this long, and rendering does at most this much work (nodes visited count
 * too: nested sections over the same list multiply, even when they print nothing). Past either, it stops
 * there with a usage error instead of running for minutes.
 */
export const MAX_TEMPLATE_OUTPUT = 1024 * 1024;

function templateError(file: string, line: number, message: string, hints: string[] = []): UsageError {
  return new UsageError(`template ${escapeName(file)}:${line}: ${message}`, hints);
}

/** Parses template text into a tree; malformed tags and unbalanced sections are usage errors. */
export function parseTemplate(source: string, file: string): Template {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { kind: 'section' }>; parent: Node[] }[] = [];
  let current = root;
  const lines = source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const standalone = STANDALONE.test(raw);
    const opens = (raw.match(/\{\{/g) ?? []).length;
    const closes = (raw.match(/\}\}/g) ?? []).length;
    if (opens !== closes)
      throw templateError(file, line, `"{{" and "}}" do not pair up on this line`, [
        'a placeholder is written {{name}}, on one line',
      ]);
    let last = 0;
    const pushText = (text: string) => {
      if (!standalone && text) current.push({ kind: 'text', text });
    };
    for (const m of raw.matchAll(TAG)) {
      pushText(raw.slice(last, m.index));
      last = m.index + m[0].length;
      const [, sigil, name] = m;
      if (sigil === '!') continue;
      if (!NAME.test(name))
        throw templateError(file, line, `"${m[0]}" is not a placeholder`, [
          'write names like {{company}} or sections like {{#levers}}…{{/levers}}',
        ]);
      if (sigil === '#' || sigil === '^') {
        if (stack.length >= MAX_TEMPLATE_DEPTH)
          throw templateError(file, line, `sections nest more than ${MAX_TEMPLATE_DEPTH} deep`, [
            'close a section before opening another',
          ]);
        const node: Extract<Node, { kind: 'section' }> = {
          kind: 'section',
          name,
          inverted: sigil === '^',
          line,
          children: [],
        };
        current.push(node);
        stack.push({ node, parent: current });
        current = node.children;
      } else if (sigil === '/') {
        const open = stack.pop();
        if (!open) throw templateError(file, line, `{{/${name}}} closes a section that was never opened`);
        if (open.node.name !== name)
          throw templateError(
            file,
            line,
            `{{/${name}}} closes {{${open.node.inverted ? '^' : '#'}${open.node.name}}} (line ${open.node.line})`,
          );
        current = open.parent;
      } else current.push({ kind: 'value', name, line });
    }
    pushText(raw.slice(last));
  });
  const open = stack.pop();
  if (open)
    throw templateError(
      file,
      open.node.line,
      `{{${open.node.inverted ? '^' : '#'}${open.node.name}}} is never closed`,
      [`close it with {{/${open.node.name}}}`],
    );
  return { file, nodes: root };
}

/** Checks every placeholder against the schema: the first unknown one is a usage error (exit 2). */
export function checkTemplate(template: Template, schema: TemplateSchema): void {
  const known = [...schema.values, ...Object.keys(schema.lists)];
  const walk = (nodes: Node[], itemFields: readonly string[], listName: string | null) => {
    for (const node of nodes) {
      if (node.kind === 'text') continue;
      const isList = node.name in schema.lists;
      if (node.kind === 'value' && isList) {
        throw templateError(
          template.file,
          node.line,
          `{{${node.name}}} is a list: use it as a section, {{#${node.name}}}…{{/${node.name}}}`,
        );
      }
      if (!itemFields.includes(node.name) && !known.includes(node.name)) {
        const inList = Object.entries(schema.lists).find(([, fields]) => fields.includes(node.name));
        const near = [...itemFields, ...known]
          .map((k) => ({ k, d: editDistance(node.name.toLowerCase(), k.toLowerCase()) }))
          .filter((x) => x.d <= Math.min(2, Math.floor(x.k.length / 3)))
          .sort((a, b) => a.d - b.d)[0];
        const hints =
          inList && inList[0] !== listName
            ? [`{{${node.name}}} is a field of {{#${inList[0]}}}: use it inside that section`]
            : [
                ...(near ? [`did you mean {{${near.k}}}?`] : []),
                `known placeholders: ${known.join(', ')}`,
                ...(listName ? [`inside {{#${listName}}}: ${itemFields.join(', ')}`] : []),
              ];
        throw templateError(template.file, node.line, `unknown placeholder {{${node.name}}}`, hints);
      }
      if (node.kind === 'section') {
        const fields = isList && !node.inverted ? schema.lists[node.name] : itemFields;
        walk(node.children, fields, isList && !node.inverted ? node.name : listName);
      }
    }
  };
  walk(template.nodes, [], null);
}

/** Parses and checks a template in one step. */
export function compileTemplate(source: string, file: string, schema: TemplateSchema): Template {
  const template = parseTemplate(source, file);
  checkTemplate(template, schema);
  return template;
}

const isEmpty = (v: TemplateValue) =>
  v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);

/** Renders a checked template. Values are inserted as they are: escaping is the caller's business. */
export function renderTemplate(template: Template, data: TemplateData, maxOutput = MAX_TEMPLATE_OUTPUT): string {
  // Output characters and nodes visited, together: bounded by maxOutput.
  let work = 0;
  const spend = (n: number, line: number) => {
    work += n;
    if (work > maxOutput) {
      throw templateError(
        template.file,
        line,
        `the message would be larger than ${maxOutput >= 1 << 20 ? `${maxOutput / (1 << 20)} MiB` : `${maxOutput} bytes`} (sections repeat too often)`,
        ['nest list sections less deeply'],
      );
    }
  };
  const render = (nodes: Node[], scopes: Record<string, TemplateValue>[], line: number): string => {
    const lookup = (name: string): TemplateValue => {
      for (const scope of scopes) if (name in scope) return scope[name];
      return undefined;
    };
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') {
        spend(node.text.length + 1, line);
        out += node.text;
      } else if (node.kind === 'value') {
        const v = lookup(node.name);
        const text = isEmpty(v) || v === true ? '' : String(v);
        spend(text.length + 1, node.line);
        out += text;
      } else {
        spend(1, node.line);
        const v = lookup(node.name);
        if (node.inverted) {
          if (isEmpty(v)) out += render(node.children, scopes, node.line);
        } else if (Array.isArray(v)) {
          for (const item of v) out += render(node.children, [item, ...scopes], node.line);
        } else if (!isEmpty(v)) out += render(node.children, scopes, node.line);
      }
    }
    return out;
  };
  return render(template.nodes, [data], 1);
}
