/**
 * graph-cloudflare verify-audit FILE: the audit log's hash chain checked from
 * the command line. Exit 0 and one line when intact; exit 1 naming the first
 * line that does not follow and why; exit 2 for a wrong command line or a
 * file that cannot be read.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main } from './cli';
import { appendAuditRecord, AuditContext } from './enforce/audit';

const context: AuditContext = { actor: { user: 'ops', host: 'bastion' }, toolVersion: '0.2.0' };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-audit-'));
  file = path.join(dir, 'audit.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

/** A log of n chained lines, as the enforcement commands write it; returns its lines. */
function writeLog(n: number): string[] {
  for (let i = 1; i <= n; i++) {
    appendAuditRecord(
      file,
      context,
      {
        time: `2026-12-04T12:00:0${i}.000Z`,
        account: 'a'.repeat(32),
        action: 'remove-member',
        target: `m${i}@example.com`,
        request: { method: 'DELETE', path: `/accounts/${'a'.repeat(32)}/members/${i}`, body: {} },
        result: 'applied',
        message: `applied ${i}`,
      },
      (t) => t,
    );
  }
  return fs.readFileSync(file, 'utf8').split('\n').slice(0, n);
}

const rewrite = (lines: string[]) => fs.writeFileSync(file, `${lines.join('\n')}\n`);

describe('verify-audit', () => {
  it('an intact log: exit 0 and one line with the count', async () => {
    writeLog(4);
    expect(await cli(['verify-audit', file])).toEqual({
      code: 0,
      stdout: `${file}: 4 entries, chain intact\n`,
      stderr: '',
    });
  });

  it('lines from before the chain are counted and said not to be covered', async () => {
    fs.writeFileSync(file, '{"time":"2023-01-01T00:00:00.000Z","action":"grant-role"}\n');
    writeLog(1);
    expect((await cli(['verify-audit', file])).stdout).toBe(
      `${file}: 2 entries, chain intact (the first 1 were written before the chain and are not covered)\n`,
    );
  });

  it.each<[string, (lines: string[]) => string[], string]>([
    [
      'an edited line',
      (l) => [l[0], l[1].replace('m2@example.com', 'someone.else@example.com'), l[2], l[3]],
      'chain broken at line 3: prev does not match the line before it (line 2 was edited, or lines written after it were removed)',
    ],
    [
      'a removed line',
      (l) => [l[0], l[2], l[3]],
      'chain broken at line 2: prev does not match the line before it (line 1 was edited, or lines written after it were removed)',
    ],
    [
      'removed first lines',
      (l) => l.slice(2),
      'chain broken at line 1: the first line names a previous line (lines before it were removed)',
    ],
    [
      'two lines swapped',
      (l) => [l[0], l[2], l[1], l[3]],
      'chain broken at line 2: out of order: this line was written right after line 3, which stands below it (lines were reordered)',
    ],
    [
      'a copied line',
      (l) => [l[0], l[1], l[1], l[2]],
      'chain broken at line 3: this line was written right after line 1, so line 2 came in between (inserted, moved or copied)',
    ],
    ['a line that is not JSON', (l) => [l[0], '{oops', l[2], l[3]], 'chain broken at line 2: not a JSON line'],
    ['an empty line', (l) => [l[0], '', l[1], l[2], l[3]], 'chain broken at line 2: an empty line'],
  ])('%s: exit 1 naming the first bad line and what is wrong', async (_what, tamper, message) => {
    rewrite(tamper(writeLog(4)));
    expect(await cli(['verify-audit', file])).toEqual({ code: 1, stdout: `${file}: ${message}\n`, stderr: '' });
  });

  it('a missing or unreadable file, no FILE, two files or an unknown option: exit 2', async () => {
    const missing = path.join(dir, 'nope.jsonl');
    expect(await cli(['verify-audit', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${missing}: no such audit log file\n`,
    });
    const folder = await cli(['verify-audit', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(
      new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read the audit log \\(EISDIR`),
    );
    expect(await cli(['verify-audit'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'graph-cloudflare verify-audit: needs one FILE (the audit log), got 0\nRun `graph-cloudflare verify-audit --help` for usage.\n',
    });
    expect((await cli(['verify-audit', file, file])).code).toBe(2);
    const option = await cli(['verify-audit', file, '--json']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--json'");
  });

  it('--help lists FILE and no options; the CLI usage names the command', async () => {
    const help = await cli(['verify-audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith('Usage: graph-cloudflare verify-audit FILE\n')).toBe(true);
    expect(help.stdout).toMatch(/^ {2}FILE {14}the audit log/m);
    expect(help.stdout).not.toMatch(/^ {2}--/m);
    expect((await cli(['--help'])).stdout).toContain('  verify-audit FILE ');
  });
});
