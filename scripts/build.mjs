// Bundles src/cli.ts into dist/ with esbuild: one entry, code-split so that commands load only what they use.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * js-yaml's optional !!js/function type loads esprima at start-up when it can find it (it always can in
 * a development checkout) and compiles JavaScript from YAML. negotiate never uses that schema; the type
 * is replaced by one that matches nothing, so neither cost nor risk is in the bundle.
 */
const noJsFunctionType = {
  name: 'no-js-function-type',
  setup(b) {
    b.onLoad({ filter: /js-yaml[\\/]lib[\\/]js-yaml[\\/]type[\\/]js[\\/]function\.js$/ }, () => ({
      contents: "var Type = require('../../type'); module.exports = new Type('tag:yaml.org,2002:js/function', { kind: 'scalar', resolve: function () { return false; } });",
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

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (gray-matter) need a real require inside an ES module bundle.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [noJsFunctionType, lazyChildProcess],
});
