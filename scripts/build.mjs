// Bundles src/ into dist/ with esbuild, as CommonJS, in parts: dist/cli.cjs holds start-up (commander,
// the index and its cache, options, completion's data); every module that src/ imports with a dynamic
// import() (each command, the guide parser with YAML and Markdown, the prompts) becomes a bundle of its own,
// required when that import runs. A plain lookup from the index cache thus compiles about a fifth of the
// code, and Node starts it as CommonJS, without setting up its ES module loader (~9 ms here).
//
// Modules that must exist once in the program (src/errors.ts: its classes are compared with instanceof;
// src/guides/lazy-parser.ts: it remembers the loaded parser) are in dist/cli.cjs only: the other bundles
// take them from its `shared` export instead of carrying copies. Other modules are copied into every
// bundle that uses them (a command's bundle has its own copy of, say, src/index/build.ts beside cli.cjs's),
// so they must not hold state or classes that another bundle compares: an error class thrown and caught
// in the same copy (frontmatter.ts) is fine. The build stops if a shared module is reached by a
// dynamic import, which would make it a bundle of its own.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * js-yaml's optional !!js/function type loads esprima at start-up when it can find it (it always can in
 * a development checkout) and compiles JavaScript from YAML. negotiate never uses that schema; the type
 * is replaced by one that matches nothing, so neither cost nor risk is in the bundle.
 */
const noJsFunctionType = {
  name: 'no-js-function-type',
  setup(b) {
    b.onLoad({ filter: /js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, () => ({
      contents:
        "var Type = require('../../type'); module.exports = new Type('tag:yaml.org,2002:js/function', { kind: 'scalar', resolve: function () { return false; } });",
      loader: 'js',
    }));
  },
};

/**
 * commander requires node:child_process at load time, for executable sub-commands that negotiate does not
 * have; loading it costs about a tenth of a bare Node start. commander gets a stand-in that loads the real
 * module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * vega (the pictures' bundle only) can draw with the optional \`canvas\` package and load data over the
 * network with node-fetch. negotiate's charts render to SVG text with their data inline: \`canvas\` is
 * always absent (so text is measured the same way on every machine, and the bytes do not depend on what
 * happens to be installed), and fetching always fails.
 */
const noCanvasNoFetch = {
  name: 'no-canvas-no-fetch',
  setup(b) {
    b.onResolve({ filter: /^(canvas|node-fetch)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents:
        args.path === 'canvas'
          ? 'module.exports = null;'
          : "module.exports = function () { return Promise.reject(new Error('negotiate fetches nothing')); };",
      loader: 'js',
    }));
  },
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const src = (file) => resolve(ROOT, 'src', file);

/** The modules dist/cli.cjs shares with the other bundles, by source file, as named in cli.ts's `shared` export. */
const SHARED = new Map([
  [src('errors.ts'), 'errors'],
  [src('guides/lazy-parser.ts'), 'lazyParser'],
  // Not for identity: completion describes the program with commander's Help, which start-up has loaded.
  ['commander', 'commander'],
]);

/** A bundle's file name: its source path under src/, with "/" as "-" (src/commands/lookup.ts → commands-lookup.cjs). */
const partName = (file) =>
  `${relative(src(''), file).replace(/\.ts$/, '').replaceAll('\\', '/').replaceAll('/', '-')}.cjs`;

/** The source file an import names (src/ imports .ts files by their .js names). */
const sourceOf = (args) => resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');

/**
 * Splits the program into parts: a dynamic import of a local module names another bundle (built next), and
 * in every bundle but dist/cli.cjs an import of a shared module is a reference to dist/cli.cjs's instance.
 */
/**
 * chalk and string-width are required on first use (src/render/terminal.ts): each is a bundle of its own,
 * dist/vendor-<name>.cjs, so start-up neither compiles them nor carries a copy in every command's bundle.
 */
const VENDORED = ['chalk', 'string-width'];

function parts(found, isEntry) {
  return {
    name: 'parts',
    setup(b) {
      b.onResolve({ filter: /^(?:chalk|string-width)$/ }, (args) =>
        args.kind === 'require-call' ? { path: `./vendor-${args.path}.cjs`, external: true } : undefined,
      );
      b.onResolve({ filter: /^commander$/ }, (_args) =>
        isEntry ? undefined : { path: 'commander', namespace: 'shared' },
      );
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.namespace === 'shared') return { path: args.path, external: true };
        const file = sourceOf(args);
        if (!file.startsWith(src(''))) return undefined;
        if (args.kind === 'dynamic-import') {
          if (SHARED.has(file))
            return {
              errors: [{ text: `${relative(ROOT, file)} must exist once in the program: import it statically` }],
            };
          found.add(file);
          return { path: `./${partName(file)}`, external: true };
        }
        if (!isEntry && SHARED.has(file)) return { path: file, namespace: 'shared' };
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({
        contents: `module.exports = require('./cli.cjs').shared.${SHARED.get(args.path)};`,
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of another part becomes require(): synchronous, and no ES module loader.
  supported: { 'dynamic-import': false },
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  // cli.ts finds the bundled data/ from its own place.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

rmSync(resolve(ROOT, 'dist'), { recursive: true, force: true });
const found = new Set();
await build({
  ...common,
  entryPoints: [src('cli.ts')],
  outfile: resolve(ROOT, 'dist', 'cli.cjs'),
  plugins: [parts(found, true), noJsFunctionType, lazyChildProcess],
});
for (const name of VENDORED) {
  await build({
    ...common,
    stdin: { contents: `export * from '${name}'; export { default } from '${name}';`, resolveDir: ROOT, loader: 'js' },
    outfile: resolve(ROOT, 'dist', `vendor-${name}.cjs`),
  });
}
const built = new Set();
for (let pending = [...found]; pending.length; pending = [...found].filter((f) => !built.has(f))) {
  for (const file of pending) {
    built.add(file);
    await build({
      ...common,
      // The pictures' bundle takes vega's ES modules, so what the charts do not use is left out.
      ...(file === src('render/pictures.ts') ? { mainFields: ['module', 'main'] } : {}),
      entryPoints: [file],
      outfile: resolve(ROOT, 'dist', partName(file)),
      plugins: [parts(found, false), noJsFunctionType, lazyChildProcess, noCanvasNoFetch],
    });
  }
}
