import { cmp } from '../util/compare';
import { isoSeconds } from '../util/output';
import { LoadedGraph } from './load';

/**
 * What every offline report says about the collection it read: when, and
 * whether it was complete. A partial graph must not look complete in a file
 * that outlives the terminal's warnings.
 */
export interface CollectionInfo {
  /** 'unknown' when the folder has no summary.json (a copied graph folder, a hand-built one). */
  completeness: 'complete' | 'partial' | 'unknown';
  /** When the files were written (summary.json, else the newest graph file); null when not known. */
  filesWrittenAt: string | null;
  /**
   * The newest time inside the collected data (an update, a last use, a last
   * sign-in): it survives copying, and the collection cannot be older.
   */
  newestDataAt: string | null;
  /** Steps that did not finish: "<step id> (<status>)". */
  failedSteps: string[];
  /** Types the run marked partial. */
  partialTypes: string[];
  /** Steps switched off (areas not collected by choice). */
  notCollected: string[];
  /** When, for people: file time (and where it came from) and the newest time in the data. */
  time: string;
  /** `Collected: <time>` */
  timeLine: string;
  /** The warning to show at the top of a report; absent when the collection was complete. */
  banner?: string;
}

/** Properties holding a past moment the data itself records (expiresOn and the like are left out). */
const PAST_TIME = /^(?:updated|modified|lastSeen|lastUsed|lastLogin|created|issued|revoked|deleted)On$/;

const FINISHED = new Set(['success', 'cached', 'disabled']);

function newestDataTime(graph: LoadedGraph): number | undefined {
  let newest: number | undefined;
  for (const entity of graph.entities) {
    for (const [key, value] of Object.entries(entity)) {
      if (typeof value === 'number' && Number.isFinite(value) && PAST_TIME.test(key)) {
        if (newest === undefined || value > newest) newest = value;
      }
    }
  }
  return newest;
}

export function collectionInfo(graph: LoadedGraph): CollectionInfo {
  const steps = [...(graph.stepStatus ?? new Map<string, string>())].sort(([a], [b]) => cmp(a, b));
  const failedSteps = steps.filter(([, status]) => !FINISHED.has(status)).map(([id, status]) => `${id} (${status})`);
  const notCollected = steps.filter(([, status]) => status === 'disabled').map(([id]) => id);
  const partialTypes = [...graph.partialTypes].sort(cmp);
  const completeness =
    graph.summaryFound !== true
      ? 'unknown'
      : failedSteps.length > 0 || partialTypes.length > 0
        ? 'partial'
        : 'complete';
  const filesWrittenAt = graph.filesWrittenAt === undefined ? null : isoSeconds(graph.filesWrittenAt) || null;
  const newestDataAt = isoSeconds(newestDataTime(graph)) || null;
  const written =
    filesWrittenAt === null
      ? 'collection time unknown'
      : `files written ${filesWrittenAt} (${graph.summaryFound ? 'summary.json' : 'newest graph file'}; a copy shows the copy's time)`;
  const time = `${written}; newest time in the data ${newestDataAt ?? 'none'}`;
  const timeLine = `Collected: ${time}`;
  let banner: string | undefined;
  if (completeness === 'unknown') {
    banner =
      'COMPLETENESS UNKNOWN: no summary.json beside the graph folder, so nothing tells whether every area was read ' +
      '(copy the whole .j1-integration folder, not only its graph folder).';
  } else if (completeness === 'partial') {
    const parts = [
      failedSteps.length > 0 ? `steps not finished: ${failedSteps.join(', ')}` : '',
      partialTypes.length > 0 ? `partial types: ${partialTypes.join(', ')}` : '',
    ].filter(Boolean);
    banner = `PARTIAL COLLECTION: ${parts.join('; ')}. Results may miss what the run could not read.`;
  }
  return {
    completeness,
    filesWrittenAt,
    newestDataAt,
    failedSteps,
    partialTypes,
    notCollected,
    time,
    timeLine,
    banner,
  };
}
