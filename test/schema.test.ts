import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { splitFrontMatter, normaliseText } from '../src/guides/frontmatter.js';
import { buildJsonSchema } from '../src/guides/schema.js';
import { ROOT, SEED } from './helpers.js';

const SCHEMA_FILE = join(ROOT, 'schema', 'guide.schema.json');

test('schema/guide.schema.json is exactly the schema the code checks with (npm run schema rewrites it)', () => {
  const expected = `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, expected);
  expect(readFileSync(SCHEMA_FILE, 'utf8'), 'schema/guide.schema.json is out of date: run npm run schema').toBe(
    expected,
  );
});

test('the schema knows every field of the seed front matter, and the seed has every required one', () => {
  const schema = buildJsonSchema() as {
    properties: Record<string, { items?: { properties: object; required: string[] } }>;
    required: string[];
  };
  const data = splitFrontMatter(normaliseText(readFileSync(SEED, 'utf8'))).data as Record<string, unknown>;
  expect(Object.keys(data).filter((k) => !(k in schema.properties))).toEqual([]);
  expect(schema.required.filter((k) => !(k in data))).toEqual([]);
  const bandSchema = schema.properties.compensation.items!;
  for (const band of data.compensation as Record<string, unknown>[]) {
    expect(Object.keys(band).filter((k) => !(k in bandSchema.properties))).toEqual([]);
    expect(bandSchema.required.filter((k) => !(k in band))).toEqual([]);
  }
});
