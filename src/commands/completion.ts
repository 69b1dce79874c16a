// completion: prints a shell's completion script; __complete (hidden): answers the script's questions.
import type { Command } from 'commander';
import { guideLevelMapping } from '../comp/level-mapping.js';
import {
  COMPLETE_COMMAND,
  completeWords,
  describeProgram,
  parseWords,
  type CompletionData,
} from '../completion/complete.js';
import { completionScript, INSTALL_LINES, type Shell } from '../completion/scripts.js';
import type { Context } from '../context.js';
import {
  listCompanies,
  listRegions,
  listRoles,
  resolveCompany,
  resolveGuide,
  type GuideIndex,
  type IndexedGuide,
} from '../index/build.js';
import type { FxTable } from '../comp/fx.js';
import type { LoadedGuide } from '../index/load.js';
import { cleanTerminalText } from '../text/escape.js';

export function runCompletion(ctx: Context, shell: Shell): number {
  const script = completionScript(shell);
  ctx.out(ctx.json ? JSON.stringify({ shell, script, install: INSTALL_LINES[shell] }, null, 2) : script);
  return 0;
}

/**
 * Thrown by the completion data when what it needs is not loaded yet: the run loads the index and the
 * currency table (or the guides' models asked for) then, and asks again. Completing a command or an option
 * name loads nothing.
 */
const NOT_LOADED = Symbol('not loaded');

/** A name the user typed, resolved like every command resolves it; undefined when it names nothing (yet). */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    if (err === NOT_LOADED) throw err;
    return undefined;
  }
}

/** Completion's view of the index: names, narrowed to the company and role typed so far when they resolve. */
export function indexCompletionData(
  loadIndex: () => GuideIndex,
  currencies: () => string[],
  models: (guides: LoadedGuide[]) => IndexedGuide[],
): CompletionData {
  const companyOf = (q?: string) => (q ? attempt(() => resolveCompany(loadIndex(), q)) : undefined);
  const guidesFor = (company?: string, role?: string): IndexedGuide[] => {
    const one = company && role ? attempt(() => resolveGuide(loadIndex(), company, role)) : undefined;
    if (one) return models([one]);
    const slug = companyOf(company);
    return models(loadIndex().guides.filter((g) => !slug || g.summary.company === slug));
  };
  return {
    companies: () => listCompanies(loadIndex()),
    roles: (company) => listRoles(loadIndex(), companyOf(company)),
    regions: (company, role) => listRegions(guidesFor(company, role)),
    levels(company, role) {
      const own = new Set<string>();
      const others = new Set<string>();
      for (const g of guidesFor(company, role)) {
        const mapping = attempt(() => guideLevelMapping(g));
        for (const [i, e] of (mapping?.entries ?? []).entries())
          for (const l of e.levels)
            if (i === 0) own.add(l);
            else others.add(`${e.company} ${l}`);
      }
      return { own: [...own], others: [...others] };
    },
    currencies: () =>
      [...new Set([...currencies(), ...guidesFor().flatMap((g) => g.meta.bands.map((b) => b.currency))])].sort(),
  };
}

/**
 * `negotiate __complete [--describe] -- <words…>`: one candidate per line (or a directive line asking the shell to
 * complete file names). It honours --data and --no-bundled among the words, so completion follows the
 * data the command will read. It never fails loudly: a shell's Tab must not print errors.
 */
export async function runComplete(
  program: Command,
  argv: string[],
  makeContext: (globals: { data: string[]; bundled: boolean }) => Context,
): Promise<number> {
  // `--describe` (the fish and zsh scripts): "candidate<TAB>description" for commands and options.
  const describe = argv[0] === '--describe';
  const rest = describe ? argv.slice(1) : argv;
  const words = rest[0] === '--' ? rest.slice(1) : rest;
  const spec = describeProgram(program);
  const typedSoFar = parseWords(spec, words.slice(0, -1)).options;
  const ctx = makeContext({
    data: (typedSoFar.data ?? []).filter((d): d is string => typeof d === 'string'),
    bundled: !(typedSoFar.bundled ?? []).includes(false),
  });
  // Names come from the index, levels from guide bodies, currencies from the table. The completion functions
  // are synchronous: asked first with nothing loaded, and again once what they asked for is loaded. A folder
  // that cannot be loaded gives no names, and no error.
  let index: GuideIndex | null | undefined;
  let fx: FxTable | undefined;
  const loaded = new Map<LoadedGuide, IndexedGuide>();
  let wanted: LoadedGuide[] = [];
  const loadIndex = () => {
    if (index === undefined) throw NOT_LOADED;
    if (index === null) throw new Error('no index');
    return index;
  };
  const currencies = () => {
    if (fx) return Object.keys(fx.usdPer);
    if (index === undefined) throw NOT_LOADED;
    return [];
  };
  const models = (guides: LoadedGuide[]) => {
    wanted = guides.filter((g) => !loaded.has(g));
    if (wanted.length) throw NOT_LOADED;
    return guides.map((g) => loaded.get(g)!);
  };
  const complete = () =>
    attempt(() => completeWords(spec, words.length ? words : [''], indexCompletionData(loadIndex, currencies, models)));
  let result: ReturnType<typeof complete>;
  // Asked with nothing loaded; then with the index and the currency table; then with the models asked for.
  for (let round = 0; ; round++) {
    try {
      result = complete();
      break;
    } catch (err) {
      if (err !== NOT_LOADED) throw err;
    }
    // What cannot be loaded gives no names, and no error.
    if (round === 2) return 0;
    try {
      if (index === undefined) {
        fx = await ctx.fx();
        index = await ctx.index();
      } else for (const g of wanted) loaded.set(g, await ctx.model(g));
    } catch {
      index = null;
    }
  }
  if (!result) return 0;
  const described = (c: string) =>
    describe && result.descriptions?.[c] ? `${c}\t${cleanTerminalText(result.descriptions[c])}` : c;
  const lines = result.directive ? [result.directive] : result.candidates.map((c) => described(cleanTerminalText(c)));
  if (lines.length) ctx.out(lines.join('\n'));
  return 0;
}

export { COMPLETE_COMMAND };
