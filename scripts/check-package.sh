#!/usr/bin/env bash
# Packaging check (run by .ci/run, or `npm run check:package`): `npm pack` holds what a user needs (the
# built CLI, data/, schema/, README) and nothing else (no sources, no tests); installed globally into an
# empty prefix, offline (the package has no runtime dependencies), it runs with the bundled guides from
# any folder. Prints one line per check; exits 1 on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { echo "package: ok: $*"; }
fail() {
  echo "package: FAILED: $*" >&2
  exit 1
}

# 1. The tarball (npm pack runs `prepare`, which builds dist/).
npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "npm pack"; }
tarball=$(ls "$work"/*.tgz)
tar -tzf "$tarball" | sed 's#^package/##' | sort >"$work/files"
ok "npm pack: $(basename "$tarball"), $(wc -l <"$work/files") files, $(du -k "$tarball" | cut -f1) KiB"

required=(package.json README.md bin/negotiate.cjs dist/cli.cjs dist/guides-parser.cjs data/fx.yaml)
[ -d schema ] && required+=($(cd "$root" && find schema -type f | sort))
[ -d data/templates ] && required+=($(cd "$root" && find data/templates -type f | sort))
required+=($(cd "$root" && find data/guides -type f | sort))
for f in "${required[@]}"; do grep -qxF "$f" "$work/files" || fail "the tarball lacks $f"; done
ok "holds bin/, dist/, data/ ($(grep -c '^data/guides/' "$work/files") guides), schema/, README.md"

if grep -E '^(src|test|scripts|bench|node_modules|\.ci|coverage)/|\.ts$|^(tsconfig\.json|vitest\.config\.ts|package-lock\.json)$' "$work/files" | grep -v '\.d\.ts$' >"$work/extra"; then
  fail "the tarball holds development files: $(tr '\n' ' ' <"$work/extra")"
fi
ok "no sources, tests or development files"

# 2. A global install into an empty prefix, with no registry.
prefix="$work/prefix"
npm install -g --prefix "$prefix" --offline --no-audit --no-fund "$tarball" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "npm install -g --prefix <tmp> <tarball> (offline)"; }
bin="$prefix/bin/negotiate"
[ -x "$bin" ] || fail "no executable $bin after the install"
ok "npm install -g --prefix <tmp> --offline <tarball>"

# 3. The installed command, from an unrelated folder, with nothing from this checkout on its path.
mkdir "$work/elsewhere"
cd "$work/elsewhere"
run() { env -u NEGOTIATE_DATA NEGOTIATE_TODAY=2026-11-29 NO_COLOR=1 "$bin" "$@"; }

version=$(run --version) || fail "negotiate --version"
expected=$(node -p "require('$root/package.json').version")
[ "$version" = "$expected" ] || fail "negotiate --version printed '$version', expected '$expected'"
ok "negotiate --version: $version"

guides=$(run list --json | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).guides.length)') || fail "negotiate list --json"
[ "$guides" -eq "$(find "$root/data/guides" -type f | wc -l)" ] || fail "negotiate list found $guides guides, the package bundles $(find "$root/data/guides" -type f | wc -l)"
ok "negotiate list: the $guides bundled guides load"

base=$(run lookup cloudflare-workers ml-ai-engineer --region London --json -q | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).bands[0].base.low)') ||
  fail "negotiate lookup cloudflare-workers ml-ai-engineer --region London --json"
[ "$base" = 132000 ] || fail "lookup London base low is $base, expected 132000"
ok "negotiate lookup … --region London --json: base from £132,000"

run search inference -q >/dev/null || fail "negotiate search inference"
set +e
run search no-such-word-anywhere -q >/dev/null 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || fail "negotiate search without hits exited $code, expected 1"
ok "negotiate search: hits exit 0, none exit 1"

run completion bash | grep -q '^complete -F _negotiate_complete negotiate$' || fail "negotiate completion bash"
[ "$(run __complete -- lookup '')" = cloudflare-workers ] || fail "negotiate __complete -- lookup '' did not name the bundled company"
ok "negotiate completion bash, and names from the bundled guides"

if [ -d "$root/data/templates" ]; then
  run draft cloudflare-workers ml-ai-engineer --region London -q >/dev/null || fail "negotiate draft (bundled templates)"
  ok "negotiate draft: the bundled templates load"
fi
if [ -d "$root/schema" ]; then
  run validate -q >/dev/null || fail "negotiate validate (the bundled guides and schema)"
  ok "negotiate validate: the bundled guides pass"
fi
letters="$root/test/fixtures/letters"
if [ -d "$letters" ]; then
  # PDF and Word letters: their libraries are bundled (no node_modules here, so no optional canvas package either).
  for f in uk-monthly.pdf:87000 de-muenchen.docx:92000; do
    out=$(run extract "$letters/${f%%:*}" --json -q) || fail "negotiate extract ${f%%:*}"
    base=$(printf '%s' "$out" | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).offer.base)') || fail "negotiate extract ${f%%:*} --json: stdout is not one JSON document"
    [ "$base" = "${f##*:}" ] || fail "negotiate extract ${f%%:*}: base $base, expected ${f##*:}"
  done
  ok "negotiate extract: a PDF and a Word letter, one JSON document each"
fi
echo "package: all checks passed"
