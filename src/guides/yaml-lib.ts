// The `yaml` package, loaded the first time it is needed. Most runs never need it: guides are read by the
// fast parser (yaml-fast.ts) and the index comes from the cache, and loading yaml costs about a fifth of
// a bare Node start. esbuild bundles this require() and evaluates the package only when it is called.
export const yamlLib = (): typeof import('yaml') => require('yaml');

/**
 * gray-matter, loaded the first time a guide file is parsed (a cache hit parses none). For every file it
 * keeps `file.orig`, the whole text encoded to UTF-8 as a Buffer, which negotiate never reads: measured
 * here at about half of gray-matter's time per guide (0.2 s of a 10,000-guide first run). Its `toBuffer`
 * is replaced by one that keeps the text as it is, so `orig` is the string.
 */
let matter: typeof import('gray-matter') | undefined;
export const grayMatter = (): typeof import('gray-matter') => {
  if (!matter) {
    matter = require('gray-matter') as typeof import('gray-matter');
    (require('gray-matter/lib/utils') as { toBuffer: (input: unknown) => unknown }).toBuffer = (input) => input;
  }
  return matter;
};
