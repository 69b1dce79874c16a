// Types for the parts of js-yaml 3 (a dependency of gray-matter) that src/guides/yaml-fast.ts imports.
declare module 'js-yaml/lib/js-yaml/loader.js' {
  export function load(
    input: string,
    options?: { schema?: unknown; listener?: (event: string, state: { anchor: string | null }) => void },
  ): unknown;
}
declare module 'js-yaml/lib/js-yaml/schema.js' {
  export default class Schema {
    constructor(definition: { include?: unknown[]; implicit?: unknown[]; explicit?: unknown[] });
  }
}
declare module 'js-yaml/lib/js-yaml/type.js' {
  export default class Type {
    constructor(
      tag: string,
      options: {
        kind: 'scalar' | 'sequence' | 'mapping';
        resolve?: (data: string) => boolean;
        construct?: (data: string) => unknown;
      },
    );
  }
}
declare module 'js-yaml/lib/js-yaml/schema/failsafe.js' {
  const schema: unknown;
  export default schema;
}
