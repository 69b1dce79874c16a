import { describe, expect, test } from 'vitest';
import { compileTemplate, renderTemplate, type TemplateData, type TemplateSchema } from '../src/draft/template.js';
import { UsageError } from '../src/errors.js';

const SCHEMA: TemplateSchema = { values: ['name', 'offer', 'flag'], lists: { items: ['title', 'n'] } };
const render = (source: string, data: TemplateData) => renderTemplate(compileTemplate(source, 'my.txt', SCHEMA), data);

describe('template rendering', () => {
  test.each([
    ['Hi {{name}}!', { name: 'Ana' }, 'Hi Ana!'],
    ['Hi {{ name }}!', { name: 'Ana' }, 'Hi Ana!'],
    ['[{{name}}]', { name: null }, '[]'],
    ['[{{name}}]', {}, '[]'],
    ['{{name}}', { name: 'a {{offer}} b' }, 'a {{offer}} b'],
    ['{{#offer}}has {{offer}}{{/offer}}', { offer: 'x' }, 'has x'],
    ['{{#offer}}has {{offer}}{{/offer}}', { offer: '' }, ''],
    ['{{^offer}}none{{/offer}}', { offer: '' }, 'none'],
    ['{{^offer}}none{{/offer}}', { offer: 'x' }, ''],
    ['{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}', { flag: false }, 'no'],
    ['{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}', { flag: true }, 'yes'],
    [
      '{{#items}}{{n}}={{title}};{{/items}}',
      {
        items: [
          { n: 1, title: 'a' },
          { n: 2, title: 'b' },
        ],
      },
      '1=a;2=b;',
    ],
    ['{{#items}}{{name}}:{{title}} {{/items}}', { name: 'N', items: [{ title: 'a' }] }, 'N:a '],
    ['{{^items}}empty{{/items}}', { items: [] }, 'empty'],
    ['a{{! a comment }}b', {}, 'ab'],
    ['{{name}}', { name: 0 }, '0'],
  ] as [string, TemplateData, string][])('%j with %j → %j', (source, data, out) => {
    expect(render(source, data)).toBe(out);
  });

  test('lines holding only section or comment tags leave no blank line behind', () => {
    const source = 'top\n{{! why }}\n{{#items}}\n- {{title}}\n{{/items}}\n  {{^offer}}  \nno offer\n{{/offer}}\nend\n';
    expect(render(source, { items: [{ title: 'a' }, { title: 'b' }], offer: '' })).toBe(
      'top\n- a\n- b\nno offer\nend\n',
    );
  });

  test('a tag inside a line keeps the line', () => {
    expect(render('x {{#flag}}on{{/flag}} y\n', { flag: true })).toBe('x on y\n');
  });
});

describe('template errors are usage errors naming the file and line', () => {
  test.each([
    [
      'Hi {{nme}}',
      /^template my\.txt:1: unknown placeholder \{\{nme\}\}$/,
      /^did you mean \{\{name\}\}\?\nknown placeholders: name, offer, flag, items$/,
    ],
    ['Hi {{zzz}}', /unknown placeholder \{\{zzz\}\}/, /^known placeholders: name, offer, flag, items$/],
    [
      'ok\n{{#offer}}{{floor}}{{/offer}}',
      /^template my\.txt:2: unknown placeholder \{\{floor\}\}$/,
      /known placeholders/,
    ],
    ['{{title}}', /my\.txt:1: unknown placeholder \{\{title\}\}/, /\{\{title\}\} is a field of \{\{#items\}\}/],
    ['{{items}}', /my\.txt:1: \{\{items\}\} is a list: use it as a section/, null],
    ['{{#offer}}\nx', /my\.txt:1: \{\{#offer\}\} is never closed/, /close it with \{\{\/offer\}\}/],
    ['x{{/offer}}', /my\.txt:1: \{\{\/offer\}\} closes a section that was never opened/, null],
    ['{{#offer}}{{#flag}}\n{{/offer}}{{/flag}}', /my\.txt:2: \{\{\/offer\}\} closes \{\{#flag\}\} \(line 1\)/, null],
    ['Hi {{name', /my\.txt:1: "\{\{" and "\}\}" do not pair up/, null],
    ['Hi {{first name}}', /my\.txt:1: "\{\{first name\}\}" is not a placeholder/, null],
  ])('%j', (source, message, hint) => {
    let caught: unknown;
    try {
      compileTemplate(source, 'my.txt', SCHEMA);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const err = caught as UsageError;
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
    if (hint) expect(err.hints.join('\n')).toMatch(hint);
  });
});
