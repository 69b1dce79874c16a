// The `yaml` package, loaded the first time it is needed. Most runs never need it: guides are read by the
// fast parser (yaml-fast.ts) and the index comes from the cache, and loading yaml costs about a fifth of
// a bare Node start. esbuild bundles this require() and evaluates the package only when it is called.
export const yamlLib = (): typeof import('yaml') => require('yaml');

/** gray-matter, loaded the first time a guide file is parsed (a cache hit parses none). */
export const grayMatter = (): typeof import('gray-matter') => require('gray-matter');
