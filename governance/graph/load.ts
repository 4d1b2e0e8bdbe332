import fs from 'fs';
import path from 'path';
import { InputError } from '../util/errors';

export const DEFAULT_GRAPH_DIR = path.join('.j1-integration', 'graph');

export interface GraphEntity {
  _key: string;
  _type: string;
  [property: string]: unknown;
}

export interface GraphRelationship {
  _key: string;
  _type: string;
  _fromEntityKey?: string;
  _toEntityKey?: string;
  [property: string]: unknown;
}

export interface LoadedGraph {
  /** The graph folder read (after resolving a project or .j1-integration folder to it). */
  dir: string;
  entities: GraphEntity[];
  relationships: GraphRelationship[];
  byKey: Map<string, GraphEntity>;
  ofType(type: string): GraphEntity[];
  /** Direct relationships leaving `key` (optionally of one _type). */
  from(key: string, relType?: string): GraphRelationship[];
  /** Direct relationships arriving at `key` (optionally of one _type). */
  to(key: string, relType?: string): GraphRelationship[];
  /**
   * Step id to status from ../summary.json ('success', 'failure',
   * 'partial_success_due_to_dependency_failure', 'disabled'...); undefined
   * when the folder has no summary (a hand-built graph): everything counts as
   * collected then.
   */
  stepStatus?: Map<string, string>;
  /** summary.json metadata.partialDatasets.types. */
  partialTypes: string[];
  /** Whether ../summary.json was found: without it, nothing tells whether the collection was complete. */
  summaryFound?: boolean;
  /**
   * When the files were written: summary.json's modification time (written
   * last, at the end of a run), else the newest graph file's. A plain copy
   * of the folder changes it to the copy's time.
   */
  filesWrittenAt?: number;
}

/** True when the run collected what `stepId` writes (or when nothing says otherwise). */
export function collected(graph: LoadedGraph, stepId: string): boolean {
  if (!graph.stepStatus) return true;
  const status = graph.stepStatus.get(stepId);
  return status !== undefined && status !== 'disabled';
}

/** `<dir>/<step id>/{entities,relationships}/*.json`, the layout `j1-integration collect` writes. */
function graphFiles(dir: string): string[] {
  const files: string[] = [];
  for (const step of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!step.isDirectory()) continue;
    for (const kind of ['entities', 'relationships']) {
      const folder = path.join(dir, step.name, kind);
      if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) continue;
      for (const file of fs.readdirSync(folder, { withFileTypes: true })) {
        if (file.isFile() && file.name.endsWith('.json')) files.push(path.join(folder, file.name));
      }
    }
  }
  return files;
}

const HOW_TO_COLLECT =
  'Run `j1-integration collect` first (it writes .j1-integration/graph), or give the graph folder as the first argument.';

/**
 * The folder `given` names, resolved to a graph folder: itself when it holds
 * graph files, else its `graph/` or `.j1-integration/graph/` (so a project
 * folder or the .j1-integration folder work too).
 */
export function resolveGraphDir(given: string): { dir: string; files: string[] } {
  if (!fs.existsSync(given)) {
    throw new InputError(`No collected graph at ${given}: the folder does not exist. ${HOW_TO_COLLECT}`);
  }
  if (!fs.statSync(given).isDirectory()) {
    throw new InputError(`No collected graph at ${given}: it is a file, not a folder. ${HOW_TO_COLLECT}`);
  }
  for (const candidate of [given, path.join(given, 'graph'), path.join(given, '.j1-integration', 'graph')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
      const files = graphFiles(candidate);
      if (files.length > 0) return { dir: candidate, files };
    }
  }
  throw new InputError(
    `No collected graph in ${given}: it holds no entities/*.json or relationships/*.json files. ${HOW_TO_COLLECT}`,
  );
}

function readJson(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

export type SummaryFacts = Pick<LoadedGraph, 'stepStatus' | 'partialTypes' | 'summaryFound' | 'filesWrittenAt'>;

function readSummary(graphDir: string, files: string[]): SummaryFacts {
  const file = path.join(graphDir, '..', 'summary.json');
  if (!fs.existsSync(file)) {
    const newest = Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
    return { partialTypes: [], summaryFound: false, filesWrittenAt: Number.isFinite(newest) ? newest : undefined };
  }
  const summary = readJson(file) as {
    integrationStepResults?: Array<{ id?: string; status?: string }>;
    metadata?: { partialDatasets?: { types?: string[] } };
  };
  const stepStatus = new Map<string, string>();
  for (const step of summary.integrationStepResults ?? []) {
    if (typeof step.id === 'string' && typeof step.status === 'string') stepStatus.set(step.id, step.status);
  }
  return {
    stepStatus: stepStatus.size > 0 ? stepStatus : undefined,
    partialTypes: summary.metadata?.partialDatasets?.types ?? [],
    summaryFound: true,
    filesWrittenAt: fs.statSync(file).mtimeMs,
  };
}

/** Reads a collected graph folder (see resolveGraphDir) and indexes it. */
export function loadGraph(given: string): LoadedGraph {
  const { dir, files } = resolveGraphDir(given);
  const entities: GraphEntity[] = [];
  const relationships: GraphRelationship[] = [];
  for (const file of files.sort()) {
    const kind = path.basename(path.dirname(file)) as 'entities' | 'relationships';
    const content = readJson(file) as Record<string, unknown>;
    const list = content?.[kind];
    if (!Array.isArray(list)) throw new InputError(`${file}: expected {"${kind}": [...]}`);
    for (const item of list as Array<Record<string, unknown>>) {
      if (typeof item?._key !== 'string' || typeof item._type !== 'string') {
        throw new InputError(`${file}: an item without _key or _type`);
      }
      if (kind === 'entities') entities.push(item as GraphEntity);
      else relationships.push(item as GraphRelationship);
    }
  }
  return indexGraph(dir, entities, relationships, readSummary(dir, files));
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexGraph(
  dir: string,
  entities: GraphEntity[],
  relationships: GraphRelationship[],
  summary: SummaryFacts = { partialTypes: [] },
): LoadedGraph {
  const byKey = new Map<string, GraphEntity>();
  const byType = new Map<string, GraphEntity[]>();
  for (const entity of entities) {
    if (byKey.has(entity._key)) continue;
    byKey.set(entity._key, entity);
    push(byType, entity._type, entity);
  }
  const outgoing = new Map<string, GraphRelationship[]>();
  const incoming = new Map<string, GraphRelationship[]>();
  const seen = new Set<string>();
  for (const rel of relationships) {
    // Mapped relationships (to entities outside the graph) have no _toEntityKey.
    if (seen.has(rel._key) || typeof rel._fromEntityKey !== 'string' || typeof rel._toEntityKey !== 'string') continue;
    seen.add(rel._key);
    push(outgoing, rel._fromEntityKey, rel);
    push(incoming, rel._toEntityKey, rel);
  }
  const pick = (map: Map<string, GraphRelationship[]>, key: string, relType?: string) =>
    (map.get(key) ?? []).filter((rel) => relType === undefined || rel._type === relType);
  return {
    dir,
    entities: [...byKey.values()],
    relationships,
    byKey,
    ofType: (type) => byType.get(type) ?? [],
    from: (key, relType) => pick(outgoing, key, relType),
    to: (key, relType) => pick(incoming, key, relType),
    ...summary,
  };
}
