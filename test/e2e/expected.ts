/**
 * What `j1-integration collect` should write for a simulator dataset
 * (tools/lib/expectedGraph.ts: from the simulator's endpoint table, never
 * from the integration's code), and small helpers the end-to-end tests share.
 */
import fs from 'fs';
import path from 'path';
import type { ExpectedGraph } from '../../tools/lib/expectedGraph';

export { expectedGraph } from '../../tools/lib/expectedGraph';
export type { ExpectedGraph } from '../../tools/lib/expectedGraph';

/** Counts of the types `expected` names, plus which derived types are present. */
export function countsLike(actual: Record<string, number>, expected: ExpectedGraph) {
  const exact = Object.fromEntries(Object.keys(expected.relationships).map((type) => [type, actual[type] ?? 0]));
  const derived = expected.derivedRelationships.filter((type) => (actual[type] ?? 0) > 0);
  const unexpected = Object.keys(actual).filter(
    (type) => !(type in expected.relationships) && !expected.derivedRelationships.includes(type),
  );
  return { exact, derived, unexpected };
}

export function countByType(objects: Array<Record<string, any>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of objects) counts[object._type] = (counts[object._type] ?? 0) + 1;
  return counts;
}

/** Keys seen more than once. */
export function duplicateKeys(objects: Array<Record<string, any>>): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { _key } of objects) {
    if (seen.has(_key)) duplicates.add(_key);
    seen.add(_key);
  }
  return [...duplicates];
}

/** Every file under `dir` (recursively) whose content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hits.push(...filesContaining(full, needle));
    else if (fs.readFileSync(full).includes(needle)) hits.push(full);
  }
  return hits;
}

/** Every file under `dir`, recursively (relative paths). */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    );
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function plain(text: string): string {
  return text.replace(ANSI, '');
}

export function stepStatuses(summary: Record<string, any>): Record<string, string> {
  return Object.fromEntries(
    (summary.integrationStepResults ?? []).map((step: { id: string; status: string }) => [step.id, step.status]),
  );
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
