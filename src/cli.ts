// The CLI edge: commander wiring, global options, the context, and the one place that exits.
import { Argument, Command, CommanderError, Option } from 'commander';
import { readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { applyFxOverrides, readFxTable, type FxTable } from './comp/fx.js';
import { resolveToday, type Context } from './context.js';
import { EXIT, isInterrupted, isNegotiateError, type NegotiateError } from './errors.js';
import { buildIndex, type GuideIndex, type IndexedGuide } from './index/build.js';
import { loadParser, type GuideParser } from './guides/lazy-parser.js';
import { cacheOptions, closeStore, prepareCacheDir, type CacheOptions } from './index/cache.js';
import { searchText } from './index/search.js';
import { searchCandidates } from './index/search-text.js';
import { loadGuides, loadModel, readGuideFile, type LoadedGuide } from './index/load.js';
import { checkNameLength } from './text/names.js';
import { listSources, userGuidesDir } from './index/sources.js';
import { colorLevel, createStyle, type ColorMode } from './render/terminal.js';
import { cleanTerminalText, escapeName, escapeJsonControls } from './text/escape.js';
import {
  addNewGuideOptions,
  addOfferOptions,
  collect,
  currencyOption,
  formatOption,
  levelOption,
  regionOption,
  fxOption,
  outputOption,
  yearsOption,
} from './options.js';
import { LIST_KINDS } from './commands/list.js';
import { COMPLETE_COMMAND } from './completion/complete.js';
import { INSTALL_LINES, SHELLS } from './completion/scripts.js';

/** The process as the CLI sees it; tests pass fakes. */
export interface Io {
  argv?: string[];
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdinIsTTY: boolean;
  /** Where the bundled data lives (data/ next to the package). */
  dataDir: string;
}

interface GlobalOptions {
  json?: boolean;
  data: string[];
  bundled: boolean;
  color: ColorMode;
  quiet?: boolean;
  fx?: string[];
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Builds the context a command runs with. Loading is lazy: `--help` and usage errors never read guides. */
function createContext(io: Io, opts: GlobalOptions, atEnd: (() => void)[]): Context {
  const level = colorLevel(opts.color, { isTTY: !!io.stdout.isTTY, env: io.env });
  const errLevel = colorLevel(opts.color, { isTTY: !!io.stderr.isTTY, env: io.env });
  const errStyle = createStyle(errLevel);
  let index: Promise<GuideIndex> | undefined;
  let fx: Promise<FxTable> | undefined;
  let guideParser: Promise<GuideParser> | undefined;
  let cacheOpts: CacheOptions = { dir: null, check: 'files' };
  // A guide's model is loaded once per run, however often a command asks.
  const models = new Map<LoadedGuide, Promise<IndexedGuide>>();
  const ctx: Context = {
    today: resolveToday(io.env),
    json: !!opts.json,
    quiet: !!opts.quiet,
    style: createStyle(level),
    errStyle,
    // Read when asked (only evaluate asks): for stdin, Node sets up a stream.
    get stdinIsTTY() {
      return io.stdinIsTTY;
    },
    stdoutIsTTY: !!io.stdout.isTTY,
    env: io.env,
    dataDir: io.dataDir,
    out: (text) => void io.stdout.write(opts.json ? escapeJsonControls(withNewline(text)) : withNewline(text)),
    // Warnings and notes quote file names and guide text: no escape sequence from them reaches the terminal.
    warn: (text) =>
      void (opts.quiet || io.stderr.write(`${errStyle.warn('warning:')} ${cleanTerminalText(text, true)}\n`)),
    note: (text) => void (opts.quiet || io.stderr.write(`${cleanTerminalText(text, true)}\n`)),
    sources: () =>
      listSources({
        bundledDir: `${io.dataDir}/guides`,
        envData: io.env.NEGOTIATE_DATA,
        dataDirs: opts.data,
        bundled: opts.bundled,
        userDir: userGuidesDir(io.env),
      }),
    index() {
      if (index) return index;
      const cache = prepareCacheDir(cacheOptions(io.env));
      if (cache.note) ctx.note(cache.note);
      cacheOpts = cache.options;
      index = loadGuides(ctx.sources(), cache.options, ctx.parser).then((loaded) => {
        // The cache files stay open while the run reads models from them.
        atEnd.push(() => loaded.stores.forEach(closeStore));
        const built = buildIndex(loaded);
        // One line per skipped file: its name escaped, its message (which may quote the file) on one line.
        const line = (text: string) => cleanTerminalText(text);
        for (const p of built.problems) ctx.warn(`skipped ${escapeName(p.path)}: ${line(p.message)}`);
        for (const g of built.broken) {
          const f = g.findings.find((x) => x.severity === 'error');
          ctx.warn(
            `skipped ${escapeName(g.path)}${f?.line ? `:${f.line}` : ''}: ${line(f?.message ?? 'no usable band')} (run: negotiate validate ${escapeName(g.path)})`,
          );
        }
        return built;
      });
      return index;
    },
    parser: () => (guideParser ??= loadParser()),
    model(g) {
      let loaded = models.get(g);
      if (!loaded) {
        loaded = loadModel(g, ctx.parser).then((meta) => ({ ...g, meta: meta! }));
        models.set(g, loaded);
      }
      return loaded;
    },
    async guide(g) {
      const p = await readGuideFile(g, ctx.parser);
      return { ...g, meta: p.meta!, body: p.body, bodyLine: p.bodyLine, repairs: p.repairs };
    },
    async searchCandidates(guides, words) {
      await ctx.index();
      return searchCandidates(guides, words, cacheOpts, async (g) => {
        const { meta: m, body } = await ctx.guide(g);
        return searchText([
          m.company,
          m.role,
          m.companyName,
          m.roleName,
          m.summary ?? '',
          m.levelMapping.raw ?? '',
          body,
        ]);
      });
    },
    fx: () =>
      (fx ??= ctx
        .parser()
        .then((p) =>
          applyFxOverrides(
            readFxTable(p.yamlLib().parse(readFileSync(`${io.dataDir}/fx.yaml`, 'utf8')), ctx.today),
            opts.fx ?? [],
          ),
        )),
  };
  return ctx;
}

/**
 * The program. Only the command `running` gets its options, examples and action; the others get what help
 * and suggestions show (name, description, arguments). When `running` names no command (none, help, a typo,
 * completion), every command is built whole.
 */
function buildProgram(io: Io, setExit: (code: number) => void, atEnd: (() => void)[], running?: string): Command {
  const program = new Command();
  program
    .name('negotiate')
    .description('Offline assistant for negotiating a job offer: bands, levels, offers and counter-offers.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'print one JSON document on stdout')
    .option('--data <dir>', 'also load guides from this folder (repeatable)', collect, [])
    .option('--no-bundled', 'do not load the guides bundled with negotiate')
    .addOption(new Option('--color <when>', 'colour output').choices(['auto', 'always', 'never']).default('auto'))
    .option('-q, --quiet', 'no warnings or notes on stderr')
    // Each command's --help lists these too (commands created below inherit the setting).
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(`negotiate: ${cleanTerminalText(s, true)}`),
    });

  program.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  negotiate lookup cloudflare-workers ml-ai-engineer --region London',
      '  negotiate search inference',
      '  negotiate evaluate cloudflare ml --region London --base 150k --stock 200k --bonus 10',
      "  negotiate list regions --json | jq -r '.regions[]'",
      '',
      '`negotiate help <command>` (or `<command> --help`) shows its options and examples.',
      'Exit codes: 0 ok, 1 nothing matched, 2 usage, 3 bad data, 4 --fail-below threshold not met, 74 output not written, 130/143 interrupted.',
    ].join('\n'),
  );

  const context = (cmd: Command) => createContext(io, cmd.optsWithGlobals() as GlobalOptions, atEnd);

  // Names and search text are bounded before anything loads or matches (SPEC §6: over 200 characters, exit 2).
  program.hook('preAction', (_program, action) => {
    const name = action.name();
    const args = action.processedArgs as unknown[];
    if (name === 'search') checkNameLength((args[0] as string[] | undefined)?.join(' '), 'search text');
    else if (NAMED_COMMANDS.includes(name)) {
      checkNameLength(args[0] as string | undefined, 'company');
      checkNameLength(args[1] as string | undefined, 'role');
    }
    const opts = action.opts() as { region?: unknown; company?: unknown; role?: unknown };
    for (const key of ['company', 'role', 'region'] as const)
      if (typeof opts[key] === 'string') checkNameLength(opts[key], `--${key}`);
  });

  /**
   * Declares a command: `head` (name, description, arguments) now, `rest` (options, examples, action) once
   * every command is declared, for the one being run, or for all. Options are most of the cost of building
   * the program, which every run pays.
   */
  const rests: [Command, (cmd: Command) => unknown][] = [];
  const command = (name: string, head: (cmd: Command) => Command, rest: (cmd: Command) => unknown) =>
    void rests.push([head(program.command(name)), rest]);

  // Commands are imported when they run: start-up loads only the one asked for (each is a bundle of its own).
  command(
    'lookup',
    (c) =>
      c
        .description('the compensation bands of one guide')
        .argument('<company>', 'company slug or name (prefixes and close misspellings accepted)')
        .argument('<role>', 'role slug or name'),
    (c) =>
      c
        .addOption(regionOption('only this region'))
        .addOption(
          levelOption('narrow each band to one level: the guide\'s own ("L4") or another company\'s ("Google L5")'),
        )
        .addOption(currencyOption("each band's own"))
        .addOption(fxOption())
        .addHelpText(
          'after',
          '\nExamples:\n  negotiate lookup cloudflare-workers ml-ai-engineer --region London\n  negotiate lookup cloudflare ml --level "Google L5"\n  negotiate lookup cloudflare ml --currency EUR --json',
        )
        .action(async (company: string, role: string, opts, cmd: Command) =>
          setExit(await (await import('./commands/lookup.js')).runLookup(context(cmd), company, role, opts)),
        ),
  );

  command(
    'list',
    (c) =>
      c
        .description('what the index holds: guides (default), companies, roles or regions')
        // The choices are for help and completion; runList checks the value (case-insensitively) itself.
        .addArgument(new Argument('[what]', 'what to list').choices(LIST_KINDS).argParser((v: string) => v)),
    (c) =>
      c
        .option('--company <company>', 'only this company')
        .option('--role <role>', 'only this role')
        .addHelpText('after', '\nExamples:\n  negotiate list\n  negotiate list regions --company cloudflare-workers')
        .action(async (what: string | undefined, opts, cmd: Command) =>
          setExit(await (await import('./commands/list.js')).runList(context(cmd), what, opts)),
        ),
  );

  command(
    'show',
    (c) =>
      c.description('the whole guide, repaired and formatted for a terminal').argument('<company>').argument('<role>'),
    (c) =>
      c
        .addHelpText('after', '\nExample:\n  negotiate show cloudflare-workers ml-ai-engineer | less -R')
        .action(async (company: string, role: string, _opts, cmd: Command) =>
          setExit(await (await import('./commands/show.js')).runShow(context(cmd), company, role)),
        ),
  );

  command(
    'levers',
    (c) =>
      c.description("the guide's negotiation levers: number, title, script").argument('<company>').argument('<role>'),
    (c) =>
      c
        .addHelpText('after', '\nExample:\n  negotiate levers cloudflare-workers ml-ai-engineer')
        .action(async (company: string, role: string, _opts, cmd: Command) =>
          setExit(await (await import('./commands/show.js')).runLevers(context(cmd), company, role)),
        ),
  );

  command(
    'search',
    (c) =>
      c
        .description('full-text search over the guides: names, summaries, levers, strategy, sections')
        .argument('<text...>', 'words that must all occur in a guide; a quoted "two words" is a phrase'),
    (c) =>
      c
        .option('--limit <n>', 'show only the n best guides')
        .addHelpText(
          'after',
          '\nRanked by where the words occur (names and summaries first); exit 1 when nothing matches.\n\nExamples:\n  negotiate search gpu\n  negotiate search "edge inference" --limit 5\n  negotiate search rsu bonus --json | jq -r \'.hits[] | "\\(.company.slug) \\(.role.slug)"\'',
        )
        .action(async (words: string[], opts, cmd: Command) =>
          setExit(await (await import('./commands/search.js')).runSearch(context(cmd), words, opts)),
        ),
  );

  command(
    'validate',
    (c) =>
      c
        .description('check guide files: errors, data-quality warnings, and a summary (exit 3 on errors)')
        .argument('[paths...]', 'guide files or folders (default: every loaded source)'),
    (c) =>
      c
        .option('--strict', 'warnings fail too (exit 3), and unknown fields are reported')
        .addHelpText(
          'after',
          '\nExamples:\n  negotiate validate guides/\n  negotiate validate --strict --json my-guide.md',
        )
        .action(async (paths: string[], opts, cmd: Command) =>
          setExit(await (await import('./commands/validate.js')).runValidate(context(cmd), paths, opts)),
        ),
  );

  command(
    'levels',
    (c) =>
      c
        .description("the guide's level mapping; --from gives the equivalent level at the guide's company")
        .argument('<company>', 'company slug or name')
        .argument('<role>', 'role slug or name'),
    (c) =>
      c
        .option('--from <level>', 'a level at another company: "Google L5", "google:L5", "meta e6"')
        .addHelpText(
          'after',
          '\nExamples:\n  negotiate levels cloudflare-workers ml-ai-engineer\n  negotiate levels cloudflare ml --from "Google L5"',
        )
        .action(async (company: string, role: string, opts, cmd: Command) =>
          setExit(await (await import('./commands/levels.js')).runLevels(context(cmd), company, role, opts)),
        ),
  );

  command(
    'draft',
    (c) =>
      c
        .description(
          'a message for one moment of the negotiation: salary expectations, the counter (short: one number, one standard), more time, a recap, a second round, or notes for a call',
        )
        .argument('[company]', 'company slug or name (or company in --offer)')
        .argument('[role]', 'role slug or name (or role in --offer)'),
    (c) =>
      addOfferOptions(c)
        .addOption(
          new Option(
            '--stage <stage>',
            'expectations | counter | extension | recap | second-round | call (default: counter)',
          ),
        )
        .addOption(
          new Option(
            '--style <style>',
            'short | full: the counter with one number (default), or every component, the market and the chosen levers',
          ),
        )
        .addOption(
          new Option(
            '--ask <what>',
            'component | total: the one number is the component with the largest gap (default), or the annual TC',
          ),
        )
        .option('--competing <NAME=AMOUNT>', 'one of your competing offers, as annual total comp (repeatable)', collect)
        .option(
          '--levers <list>',
          "the guide's levers that are true of you, by number, e.g. 1,3 (default: none; on a terminal each is shown and asked)",
        )
        .option('--ask-base <amount>', "ask for this base instead of the guide's target")
        .option('--ask-stock <amount>', "ask for this stock grant (whole grant) instead of the guide's target")
        .option('--ask-bonus <pct>', "ask for this target bonus % instead of the guide's target")
        .option('--defer', 'expectations: defer naming a number, and ask for their range')
        .option('--deadline <date>', 'extension: the date to answer by, YYYY-MM-DD')
        .option('--reason <why>', 'extension: process, family, or your own words')
        .option('--asked <amount>', 'second-round: your earlier ask, as annual TC (default: what counter would ask)')
        .addOption(formatOption('draft', { note: '(call: text or markdown)' }))
        .option('--template <file>', 'use this template instead of the bundled one for the stage and format')
        .addOption(fxOption())
        .option('--no-input', 'never prompt (levers are then used only with --levers)')
        .addHelpText(
          'after',
          '\nEvery stage accepts the offer flags and --offer FILE (read as evaluate reads them; the evaluation is "current" in --json);\n' +
            "a flag the stage's message does not use is named in a note.\n" +
            'The walk-away floor is printed only in the notes (stderr), in --json and on the call sheet (marked private), never in a message to send.\n\nExamples:\n' +
            '  negotiate draft cloudflare-workers ml-ai-engineer --region London --base 150k --stock 200k --bonus 10\n' +
            "  negotiate draft cloudflare ml --region London --base 150k --competing 'Google=$420k' --format email > reply.txt\n" +
            '  negotiate draft cloudflare ml --stage expectations --region Austin --level L4\n' +
            '  negotiate draft cloudflare ml --stage extension --deadline 2026-12-11 --reason process\n' +
            '  negotiate draft cloudflare ml --stage call --region London --base 150k --levers 1,2 --format markdown\n' +
            '  negotiate draft --offer offer.yaml --style full --json',
        )
        .action(async (company: string | undefined, role: string | undefined, opts, cmd: Command) =>
          setExit(await (await import('./commands/draft.js')).runDraft(context(cmd), company, role, opts)),
        ),
  );

  command(
    'evaluate',
    (c) =>
      c
        .description("an offer against its band, year by year, with the guide's target and walk-away floor")
        .argument('[company]', 'company slug or name (asked on a terminal when missing)')
        .argument('[role]', 'role slug or name'),
    (c) =>
      addOfferOptions(c)
        .option('--stock-change <pcts>', 'totals under stock-price changes, e.g. -30,0,30')
        .addOption(yearsOption())
        .addOption(currencyOption("the band's"))
        .addOption(fxOption())
        .addOption(
          new Option(
            '--fail-below <what>',
            'exit 4 when the annual TC is under the walk-away floor or the band low',
          ).choices(['floor', 'band']),
        )
        .option('--save <file>', 'write the offer as YAML (never replaces a file without --force)')
        .addOption(
          formatOption('evaluate', {
            note: '(svg, html: charts; html with the tables, one self-contained page)',
          }),
        )
        .addOption(outputOption())
        .option('--show-floor', 'draw the walk-away floor in svg and html (private: left out of pictures unless asked)')
        .option('--force', 'let --save or --output replace an existing file')
        .option('--no-input', 'never prompt: missing inputs exit 2')
        .addHelpText(
          'after',
          '\nExamples:\n  negotiate evaluate            (on a terminal: asks for everything)\n  negotiate evaluate cloudflare-workers ml-ai-engineer --region "San Francisco" --base 220k --stock 300k --bonus 10 --sign-on 50k\n  negotiate evaluate --offer offer.yaml --json\n  negotiate evaluate cloudflare ml --region London --base 150k --fail-below floor -q\n  negotiate evaluate --offer offer.yaml --format html --output offer.html',
        )
        .action(async (company: string | undefined, role: string | undefined, opts, cmd: Command) =>
          setExit(await (await import('./commands/evaluate.js')).runEvaluate(context(cmd), company, role, opts)),
        ),
  );

  command(
    'new',
    (c) => c.description('add your own data: write a guide (bands, sources, levers, strategy) into your guides folder'),
    (c) =>
      addNewGuideOptions(c)
        .addHelpText(
          'after',
          '\nWrites <company>--<role>.md into $XDG_DATA_HOME/negotiate/guides (default ~/.local/share/negotiate/guides) or --dir.\n' +
            'On a terminal it asks for what is missing; otherwise missing inputs exit 2. Adding a region the guide lacks\n' +
            'needs no --force; replacing a band, the strategy or another file does (the old file is kept as .bak).\n\nExamples:\n' +
            '  negotiate new            (on a terminal: asks for everything)\n' +
            '  negotiate new --company "Acme Corp" --role "Data Engineer" --region London --base 95k-130k --stock 40k-80k --bonus 10 --source "recruiter, 2026-11-20"\n' +
            '  negotiate new --from-posting posting.html --source "careers page"\n' +
            '  negotiate new --company Acme --role "Data Engineer" --region Berlin --currency EUR --base 80k-100k --source Levels.fyi --target-base 95k --floor-base 85k --json',
        )
        .action(async (opts, cmd: Command) =>
          setExit(await (await import('./commands/new.js')).runNew(context(cmd), opts)),
        ),
  );

  command(
    'extract',
    (c) =>
      c
        .description(
          'read an offer letter (.txt .md .eml .html .pdf .docx, or - for stdin): the figures it states, each with its sentence',
        )
        .argument('<file>', 'the letter, or - to read it from stdin'),
    (c) =>
      c
        .option(
          '--save <file>',
          'write the offer as an offer file, each value commented with its line (never replaces a file without --force)',
        )
        .option('--force', 'let --save replace an existing file')
        .addHelpText(
          'after',
          '\nFrom stdin (-) the type is told by the content. --save FILE writes an offer file that evaluate, compare and draft read (--offer FILE); evaluate --letter FILE and draft --letter FILE read a letter directly.\nExit 0 when one base salary was settled, 1 when none was (no salary, or only ambiguous candidates), 2 for a bad argument, 3 for a file that cannot be read as its type.\n\nExamples:\n  negotiate extract offer.txt\n  negotiate extract offer.txt --json | jq .offer',
        )
        .action(async (file: string, opts, cmd: Command) =>
          setExit(await (await import('./commands/extract.js')).runExtract(context(cmd), file, opts)),
        ),
  );

  command(
    'completion',
    (c) =>
      c
        .description('print a shell completion script (commands, options, company, role and region names)')
        .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS)),
    (c) =>
      c
        .addHelpText(
          'after',
          `\nThe script asks negotiate for the names as you type, so it follows your guides and --data folders.\n\nInstall:\n${SHELLS.map((s) => INSTALL_LINES[s].map((l) => `  ${s}: ${l}`).join('\n')).join('\n')}\n\nExamples:\n  source <(negotiate completion bash)\n  negotiate completion fish > ~/.config/fish/completions/negotiate.fish`,
        )
        .action(async (shell: (typeof SHELLS)[number], _opts, cmd: Command) =>
          setExit((await import('./commands/completion.js')).runCompletion(context(cmd), shell)),
        ),
  );

  command(
    'compare',
    (c) =>
      c
        .description('2 to 6 offer files side by side: year-by-year totals, band positions, the best marked')
        .argument('<files...>', 'offer files (YAML, as evaluate --save writes them)'),
    (c) =>
      c
        .addOption(currencyOption("the first offer's"))
        .addOption(fxOption())
        .addOption(yearsOption('compare over n years (default: the last year any grant of any offer vests)'))
        .addOption(
          formatOption('compare', {
            note: 'instead of the terminal table (svg, html: charts)',
          }),
        )
        .addOption(outputOption())
        .option('--force', 'let --output replace an existing file')
        .addHelpText(
          'after',
          '\nExamples:\n  negotiate compare london.yaml sf.yaml\n  negotiate compare london.yaml sf.yaml offer.yaml --currency USD --years 4\n  negotiate compare london.yaml sf.yaml --format csv > offers.csv\n  negotiate compare london.yaml sf.yaml --format html --output offers.html',
        )
        .action(async (files: string[], opts, cmd: Command) =>
          setExit(await (await import('./commands/compare.js')).runCompare(context(cmd), files, opts)),
        ),
  );

  const whole = !rests.some(([cmd]) => cmd.name() === running);
  for (const [cmd, rest] of rests) if (whole || cmd.name() === running) rest(cmd);
  return program;
}

/** Commands whose first two arguments are a company and a role. */
const NAMED_COMMANDS = ['lookup', 'show', 'levers', 'levels', 'draft', 'evaluate'];

/** NEGOTIATE_DEBUG set to anything but "" or "0" shows stacks. */
const isDebug = (env: Io['env']) => !!env.NEGOTIATE_DEBUG && env.NEGOTIATE_DEBUG !== '0';

function formatError(err: NegotiateError, io: Io, color: ColorMode): string {
  const style = createStyle(colorLevel(color, { isTTY: !!io.stderr.isTTY, env: io.env }));
  // Messages quote names and text from guide files: no escape sequence from a file reaches the terminal.
  const clean = (text: string) => cleanTerminalText(text, true);
  return `${[`negotiate: ${style.bad('error:')} ${clean(err.message)}`, ...err.hints.map((h) => `  ${clean(h)}`)].join('\n')}\n`;
}

/** Runs the CLI and returns its exit code. Never exits the process itself. */
/** Global options that take a value (the next word, or after "="). */
const VALUED_GLOBALS = ['--data', '--color'];

/**
 * The command a run names: its first word that is neither an option nor a global option's value. Undefined
 * when there is none, or when anything before it is not a known global option (commander decides then).
 */
export function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-')) return word;
    if (VALUED_GLOBALS.includes(word)) i++;
    else if (
      !VALUED_GLOBALS.some((o) => word.startsWith(`${o}=`)) &&
      !['--json', '--no-bundled', '-q', '--quiet'].includes(word)
    )
      return undefined;
  }
  return undefined;
}

export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const atEnd: (() => void)[] = [];
  const program = buildProgram(io, (c) => (code = c), atEnd, commandWord(argv));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    // The shell scripts' question, answered before commander parses anything (the words are the user's).
    if (argv[0] === COMPLETE_COMMAND) {
      // Completion never uses the date: a bad NEGOTIATE_TODAY must not break tab completion (commands report it).
      const completionIo = { ...io, env: { ...io.env, NEGOTIATE_TODAY: undefined } };
      return await (await import('./commands/completion.js')).runComplete(program, argv.slice(1), (g) =>
        createContext(completionIo, { ...g, color: 'never', quiet: true }, atEnd),
      );
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return EXIT.ok;
      return EXIT.usage;
    }
    if (isDebug(io.env)) io.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    if (isNegotiateError(err)) {
      // --color is parsed before any action runs, so it is known here (auto when parsing failed first).
      const color = ((program.opts() as Partial<GlobalOptions>).color ?? 'auto') as ColorMode;
      if (!isInterrupted(err)) io.stderr.write(formatError(err, io, color));
      return err.exitCode;
    }
    // Not a user error: a bug. One line, and the stack only under NEGOTIATE_DEBUG.
    if (!isDebug(io.env)) {
      io.stderr.write(
        `negotiate: internal error: ${(err as Error)?.message ?? String(err)}\n  (NEGOTIATE_DEBUG=1 shows the stack; please report it)\n`,
      );
    }
    return 70;
  } finally {
    for (const f of atEnd) f();
  }
}

/** The one line for an answer that could not be written (SPEC §6: exit 74). */
export function outputFailure(err: NodeJS.ErrnoException): string {
  const why =
    err.code === 'ENOSPC'
      ? 'no space left on device'
      : err.code === 'EIO'
        ? 'input/output error'
        : err.code === 'EDQUOT'
          ? 'disk quota exceeded'
          : (err.code ?? err.message);
  return `negotiate: cannot write output: ${why}\n`;
}

/** The entry the bin calls: real process, one exit. */
export async function main(argv: string[]): Promise<void> {
  // stdout carries the answer: a closed pipe (`negotiate list | head -1`) ends quietly with 0; a full disk
  // or an I/O error is one line on stderr and exit 74.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    try {
      writeSync(2, outputFailure(err));
    } catch {
      // stderr is gone too: the exit code says it
    }
    process.exit(EXIT.output);
  });
  // A failure to write warnings never changes the exit code of an answer written whole.
  process.stderr.on('error', () => {});
  // No signal handler: every step that takes long is synchronous, where a handler would never run, so the
  // default action ends the process at once (the shell sees 130 or 143). Files are written to a temporary
  // name and renamed, and the next run removes a killed run's temporary files.
  const code = await run(argv, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    get stdinIsTTY() {
      return !!process.stdin.isTTY;
    },
    dataDir: fileURLToPath(new URL('../data', import.meta.url)),
  });
  process.exitCode = code;
}
