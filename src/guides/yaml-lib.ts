// The YAML libraries, required on first use rather than imported: esbuild bundles each require() and
// evaluates the package only when it is called. Most runs need neither (the index comes from the cache),
// and loading yaml alone costs about a fifth of a bare Node start.

/** `yaml`, the parser of record (exact errors and positions, alias limits), also used for data files. */
export const yamlLib = (): typeof import('yaml') => require('yaml');

/** gray-matter, which splits a guide into front matter and body (frontmatter.ts). */
export const grayMatter = (): typeof import('gray-matter') => require('gray-matter');
