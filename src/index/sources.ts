// Which folders guides come from, in precedence order (SPEC §3): bundled, the user's own folder, NEGOTIATE_DATA, --data.
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type SourceOrigin = 'bundled' | 'user' | 'NEGOTIATE_DATA' | '--data';

export interface DataSource {
  dir: string;
  origin: SourceOrigin;
}

export interface SourceOptions {
  bundledDir: string;
  /** NEGOTIATE_DATA, `:`-separated. */
  envData?: string;
  dataDirs?: string[];
  bundled?: boolean;
  /** The user's own folder (userGuidesDir); loaded when it exists. */
  userDir?: string | null;
}

/**
 * The user's own guides, where `negotiate new` writes: $XDG_DATA_HOME/negotiate/guides, else
 * ~/.local/share/negotiate/guides (an XDG_DATA_HOME that is not absolute is ignored, as the XDG spec says).
 * Null without either.
 */
export function userGuidesDir(env: Record<string, string | undefined>): string | null {
  if (env.XDG_DATA_HOME?.startsWith('/')) return join(env.XDG_DATA_HOME, 'negotiate', 'guides');
  if (env.HOME) return join(env.HOME, '.local', 'share', 'negotiate', 'guides');
  return null;
}

/** A folder that exists (a missing user folder is no problem: it is made by the first `negotiate new`). */
function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Lists the data sources, earliest first: a later source wins a company + role duplicate. A folder named
 * twice (`NEGOTIATE_DATA=x` and `--data ./x`, or through a link) is one source, in its last place: its guides are not their own
 * duplicates, and its index cache is read and written once.
 */
export function listSources(opts: SourceOptions): DataSource[] {
  const sources: DataSource[] = [];
  if (opts.bundled !== false) sources.push({ dir: opts.bundledDir, origin: 'bundled' });
  if (opts.userDir && isFolder(opts.userDir)) sources.push({ dir: opts.userDir, origin: 'user' });
  for (const dir of (opts.envData ?? '').split(':'))
    if (dir.trim()) sources.push({ dir: dir.trim(), origin: 'NEGOTIATE_DATA' });
  for (const dir of opts.dataDirs ?? []) sources.push({ dir, origin: '--data' });
  const where = sources.map((s) => realFolder(s.dir));
  return sources.filter((_, i) => !where.slice(i + 1).includes(where[i]));
}

/** A folder's real path (links resolved), or its absolute path when it cannot be resolved (missing: reported later). */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** Where a guide came from: its source's folder and kind, and its file relative to that folder. */
export interface GuidePlace {
  origin: SourceOrigin;
  folder: string;
  file: string;
}

/** The folder and file of a loaded guide (`source` is its source's position in `sources`). */
export function guidePlace(sources: DataSource[], guide: { path: string; source: number }): GuidePlace {
  return guidePlacer(sources)(guide);
}

/** A path with no "." or ".." segment and no empty one: resolve() would leave it as it is. */
const NOT_NORMAL = /(?:^|[\\/])\.{1,2}(?:[\\/]|$)|[\\/][\\/]/;

/**
 * guidePlace for many guides (list): each source's folder resolved once, and a guide's path inside it
 * cut rather than resolved, when it is already absolute and normal (as the walk makes them).
 */
export function guidePlacer(sources: DataSource[]): (guide: { path: string; source: number }) => GuidePlace {
  const folders = sources.map((s) => resolve(s.dir));
  return (guide) => {
    const src = sources[guide.source];
    const folder = src ? folders[guide.source] : dirname(resolve(guide.path));
    if (src && guide.path.startsWith(folder + sep) && !NOT_NORMAL.test(guide.path))
      return { origin: src.origin, folder, file: guide.path.slice(folder.length + 1) };
    const rel = relative(folder, resolve(guide.path));
    const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(guide.path);
    return { origin: src?.origin ?? '--data', folder, file };
  };
}

/** How a source is named to the user: "bundled", "your folder", "NEGOTIATE_DATA", "--data". */
export function originLabel(origin: SourceOrigin): string {
  return origin === 'user' ? 'your guides' : origin;
}
