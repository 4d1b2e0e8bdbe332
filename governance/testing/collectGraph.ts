/**
 * Test helper: runs the integration's real collection (tools/lib/collect.ts:
 * every step, in-process, through the SDK runtime `j1-integration collect`
 * uses) against the simulator, and writes what it wrote back into a folder
 * of our own, as a graph folder the CLI can read.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { collect, CollectResult } from '../../tools/lib/collect';
import { realisticDataset, SimulatorDataset, SimulatorOptions, startSimulator } from '../../simulator';

export interface CollectedGraphDir {
  /** `<project>/.j1-integration/graph` */
  graphDir: string;
  projectDir: string;
  result: CollectResult;
  remove(): void;
}

/** `options`: simulator misbehaviour (faults, hostile answers) for a partial collection. */
export async function collectGraph(
  dataset: SimulatorDataset,
  options: Omit<SimulatorOptions, 'dataset'> = {},
): Promise<CollectedGraphDir> {
  const sim = await startSimulator({ ...options, dataset });
  let result: CollectResult;
  try {
    result = await collect({ apiBaseUrl: sim.url, logLevel: 'info' });
  } finally {
    await sim.close();
  }
  if (result.error) throw result.error;
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-governance-'));
  for (const file of result.files) {
    const at = file.path.lastIndexOf(`${path.sep}.j1-integration${path.sep}`);
    if (at < 0) continue;
    const target = path.join(projectDir, file.path.slice(at + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  return {
    graphDir: path.join(projectDir, '.j1-integration', 'graph'),
    projectDir,
    result,
    remove: () => fs.rmSync(projectDir, { recursive: true, force: true }),
  };
}

/** For running the CLI by hand: `ts-node governance/testing/collectGraph.ts OUT_DIR` collects the realistic dataset. */
if (require.main === module) {
  const out = process.argv[2];
  if (!out || (fs.existsSync(out) && fs.readdirSync(out).length > 0)) {
    process.stderr.write('usage: ts-node governance/testing/collectGraph.ts OUT_DIR (a new or empty folder)\n');
    process.exit(2);
  }
  void collectGraph(realisticDataset()).then((collected) => {
    fs.cpSync(collected.projectDir, out, { recursive: true });
    collected.remove();
    process.stdout.write(`${path.join(out, '.j1-integration', 'graph')}\n`);
  });
}
