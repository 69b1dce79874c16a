// Bundles src/ into dist/ with esbuild, as CommonJS, in parts: dist/cli.cjs holds start-up (commander,
// the index and its cache, options, completion's data); every module that src/ imports with a dynamic
// import() (each command, the guide parser with YAML and Markdown, the prompts) becomes a bundle of its own,
// required when that import runs. A plain lookup from the index cache thus compiles about a fifth of the
// code, and Node starts it as CommonJS, without setting up its ES module loader (~9 ms here).
//
// Every bundle carries its own copy of each module it imports statically, so a module must hold no state
// another bundle reads, and errors are recognised by their brand (src/errors.ts), never by instanceof;
// test/bundles.test.ts guards both. Libraries more than one bundle loads (commander, chalk, string-width)
// are files of their own, dist/vendor-<name>.cjs, which Node's require loads once, as it does each bundle.
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

/** A bundle's file name: its source path under src/, with "/" as "-" (src/commands/lookup.ts → commands-lookup.cjs). */
const partName = (file) =>
  `${relative(src(''), file).replace(/\.ts$/, '').replaceAll('\\', '/').replaceAll('/', '-')}.cjs`;

/** The source file an import names (src/ imports .ts files by their .js names). */
const sourceOf = (args) => resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');

/**
 * chalk and string-width are required on first use (src/render/terminal.ts): each is a bundle of its own,
 * dist/vendor-<name>.cjs, so start-up neither compiles them nor carries a copy in every command's bundle.
 * commander is one too (imported statically): start-up loads it, and the commands that use its classes
 * (completion, and those that take options.ts) reuse that one module instead of carrying a copy.
 */
const VENDORED = ['chalk', 'string-width'];

/** Splits the program into parts: a dynamic import of a local module names another bundle (built next). */
function parts(found) {
  return {
    name: 'parts',
    setup(b) {
      b.onResolve({ filter: /^(?:chalk|string-width)$/ }, (args) =>
        args.kind === 'require-call' ? { path: `./vendor-${args.path}.cjs`, external: true } : undefined,
      );
      b.onResolve({ filter: /^commander$/ }, () => ({ path: './vendor-commander.cjs', external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const file = sourceOf(args);
        if (args.kind !== 'dynamic-import' || !file.startsWith(src(''))) return undefined;
        found.add(file);
        return { path: `./${partName(file)}`, external: true };
      });
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
  plugins: [parts(found), noJsFunctionType, lazyChildProcess],
});
for (const name of [...VENDORED, 'commander']) {
  await build({
    ...common,
    stdin: {
      contents:
        name === 'commander'
          ? "module.exports = require('commander');"
          : `export * from '${name}'; export { default } from '${name}';`,
      resolveDir: ROOT,
      loader: 'js',
    },
    outfile: resolve(ROOT, 'dist', `vendor-${name}.cjs`),
    plugins: [lazyChildProcess],
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
      plugins: [parts(found), noJsFunctionType, lazyChildProcess, noCanvasNoFetch],
    });
  }
}
