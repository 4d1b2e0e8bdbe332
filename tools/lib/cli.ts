import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'node_modules', '@jupiterone', 'integration-sdk-cli', 'bin', 'j1-integration');

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssBytes?: number;
}

/**
 * A throw-away project directory whose src/index.ts re-exports this
 * integration, so the CLI writes its .j1-integration output there and not
 * into the repository (and reads no developer .env).
 */
export function createScratchProject(options: { compiled?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-'));
  fs.mkdirSync(path.join(dir, 'src'));
  if (options.compiled) {
    // The build in dist/ (`npm run build`), as the JupiterOne platform runs
    // it: no ts-node in the CLI process.
    fs.writeFileSync(
      path.join(dir, 'src', 'index.js'),
      `module.exports = require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'index.js'))});\n`,
    );
  } else {
    fs.writeFileSync(
      path.join(dir, 'src', 'index.ts'),
      `export * from ${JSON.stringify(path.join(REPO_ROOT, 'src', 'index'))};\n`,
    );
  }
  return dir;
}

export interface RunCliOptions {
  projectDir: string;
  /** Environment for the CLI; nothing else from this process leaks in but PATH and HOME. */
  env: Record<string, string | undefined>;
  measurePeakRss?: boolean;
  /** Extra NODE_OPTIONS for the CLI process, e.g. `--max-old-space-size=1024`. */
  nodeOptions?: string;
  /** Called with each chunk of output, e.g. to watch progress. */
  onOutput?: (chunk: string) => void;
  /**
   * Append `--project-path PROJECT` (default true). Commands without that
   * option (`visualize`) need false; they work on the current directory,
   * which is the project directory anyway.
   */
  projectPathFlag?: boolean;
}

export function runCli(args: string[], options: RunCliOptions): Promise<CliResult> {
  const rssFile = path.join(options.projectDir, `peak-rss-${process.pid}-${Date.now()}`);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() };
  for (const [key, value] of Object.entries(options.env)) {
    if (value !== undefined) env[key] = value;
  }
  const nodeOptions = options.nodeOptions ? [options.nodeOptions] : [];
  if (options.measurePeakRss) {
    nodeOptions.push(`--require ${path.join(__dirname, 'report-peak-rss.js')}`);
    env.PEAK_RSS_FILE = rssFile;
  }
  if (nodeOptions.length > 0) env.NODE_OPTIONS = nodeOptions.join(' ');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const projectPathArgs = options.projectPathFlag === false ? [] : ['--project-path', options.projectDir];
    const child = spawn(process.execPath, [CLI, ...args, ...projectPathArgs], {
      cwd: options.projectDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      options.onOutput?.(chunk.toString());
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      options.onOutput?.(chunk.toString());
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const result: CliResult = { exitCode, stdout, stderr, wallMs: Date.now() - started };
      if (options.measurePeakRss && fs.existsSync(rssFile)) {
        result.peakRssBytes = Number(fs.readFileSync(rssFile, 'utf8'));
        fs.rmSync(rssFile);
      }
      resolve(result);
    });
  });
}

export interface CollectedGraph {
  entities: Array<Record<string, any>>;
  relationships: Array<Record<string, any>>;
  summary: Record<string, any>;
}

function jsonFilesUnder(dir: string, kind: 'entities' | 'relationships'): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...jsonFilesUnder(full, kind));
    else if (entry.name.endsWith('.json') && path.basename(dir) === kind) files.push(full);
  }
  return files;
}

/** Reads what `j1-integration collect` wrote under PROJECT/.j1-integration. */
export function readCollectedGraph(projectDir: string): CollectedGraph {
  const root = path.join(projectDir, '.j1-integration');
  const graphDir = path.join(root, 'graph');
  const read = (kind: 'entities' | 'relationships') =>
    jsonFilesUnder(graphDir, kind).flatMap((file) => JSON.parse(fs.readFileSync(file, 'utf8'))[kind] ?? []);
  const summaryFile = path.join(root, 'summary.json');
  return {
    entities: read('entities'),
    relationships: read('relationships'),
    summary: fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : {},
  };
}
