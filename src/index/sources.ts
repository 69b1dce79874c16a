// Which folders guides come from, in precedence order (SPEC §3): bundled, NEGOTIATE_DATA, --data.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

export type SourceOrigin = 'bundled' | 'NEGOTIATE_DATA' | '--data';

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
}

/**
 * Lists the data sources, earliest first: a later source wins a company + role duplicate. A folder named
 * twice (`NEGOTIATE_DATA=x` and `--data ./x`, or through a link) is one source, in its last place: its guides are not their own
 * duplicates, and its index cache is read and written once.
 */
export function listSources(opts: SourceOptions): DataSource[] {
  const sources: DataSource[] = [];
  if (opts.bundled !== false) sources.push({ dir: opts.bundledDir, origin: 'bundled' });
  for (const dir of (opts.envData ?? '').split(':')) if (dir.trim()) sources.push({ dir: dir.trim(), origin: 'NEGOTIATE_DATA' });
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
