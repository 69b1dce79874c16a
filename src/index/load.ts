// Reads every guide of every source. I/O: the index itself (build.ts) is pure.
import { readGuide, walkGuideFiles } from '../guides/read.js';
import type { ParsedGuide } from '../guides/parse.js';
import type { DataSource } from './sources.js';

export interface LoadedGuide extends ParsedGuide {
  /** Position of its source in the source list (higher wins duplicates). */
  source: number;
}

export interface LoadResult {
  guides: LoadedGuide[];
  problems: { path: string; message: string }[];
}

export function loadGuides(sources: DataSource[]): LoadResult {
  const result: LoadResult = { guides: [], problems: [] };
  sources.forEach((src, source) => {
    const walk = walkGuideFiles(src.dir);
    result.problems.push(...walk.problems);
    for (const path of walk.files) result.guides.push({ ...readGuide(path), source });
  });
  return result;
}
