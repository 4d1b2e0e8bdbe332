import fs from 'fs';
import os from 'os';
import path from 'path';
import { appendAuditRecord, AuditContext, AuditEntry, lineHash, toolVersion, verifyAuditLog } from './audit';

const context: AuditContext = {
  actor: { user: 'ops', host: 'bastion' },
  reason: 'HR-1',
  toolVersion: '1.2.3',
  apiBaseUrl: 'https://api.cloudflare.com/client/v4',
};
const entry = (n: number): AuditEntry => ({
  time: `2024-05-01T12:00:0${n}.000Z`,
  account: 'a'.repeat(32),
  action: 'remove-member',
  target: `m${n}@example.com`,
  request: { method: 'DELETE', path: `/accounts/${'a'.repeat(32)}/members/${n}`, body: {} },
  result: 'applied',
  message: `applied ${n}`,
});

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  file = path.join(dir, 'audit.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (n: number, scrub = (t: string) => t) => appendAuditRecord(file, context, entry(n), scrub);
const lines = () =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('the audit log chain', () => {
  it('each line names the hash of the one before (null first), with actor, reason, version and API', () => {
    for (const n of [1, 2, 3]) write(n);
    const [first, second, third] = lines();
    expect(JSON.parse(first)).toEqual({
      time: '2024-05-01T12:00:01.000Z',
      actor: { user: 'ops', host: 'bastion' },
      reason: 'HR-1',
      toolVersion: '1.2.3',
      apiBaseUrl: 'https://api.cloudflare.com/client/v4',
      account: 'a'.repeat(32),
      action: 'remove-member',
      target: 'm1@example.com',
      request: { method: 'DELETE', path: `/accounts/${'a'.repeat(32)}/members/1`, body: {} },
      result: 'applied',
      message: 'applied 1',
      prev: null,
    });
    expect(JSON.parse(second).prev).toBe(lineHash(first));
    expect(JSON.parse(third).prev).toBe(lineHash(second));
    expect(verifyAuditLog(fs.readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 3, unchained: 0 });
  });

  it('detects an edited line, a removed line, a removed head and a line that is not JSON', () => {
    for (const n of [1, 2, 3]) write(n);
    const original = lines();
    const edited = [...original];
    edited[1] = edited[1].replace('m2@example.com', 'someone.else@example.com');
    expect(verifyAuditLog(edited.join('\n'))).toEqual({
      ok: false,
      line: 3,
      reason: 'prev does not match the line before it (line 2 was edited, or lines written after it were removed)',
    });
    expect(verifyAuditLog([original[0], original[2]].join('\n'))).toMatchObject({ ok: false, line: 2 });
    expect(verifyAuditLog(original.slice(1).join('\n'))).toEqual({
      ok: false,
      line: 1,
      reason: 'the first line names a previous line (lines before it were removed)',
    });
    expect(verifyAuditLog([original[0], '{oops', original[2]].join('\n'))).toEqual({
      ok: false,
      line: 2,
      reason: 'not a JSON line',
    });
  });

  it('lines from before the chain are allowed at the start only, and counted', () => {
    fs.writeFileSync(file, '{"time":"2023-01-01T00:00:00.000Z","action":"grant-role"}\n');
    write(1);
    expect(verifyAuditLog(fs.readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 2, unchained: 1 });
    fs.appendFileSync(file, '{"action":"inserted"}\n');
    expect(verifyAuditLog(fs.readFileSync(file, 'utf8'))).toMatchObject({ ok: false, line: 3 });
  });

  it('creates the file readable by its owner only (0600), and keeps a scrubbed token out', () => {
    write(1, (t) => t.split('m1@').join('[REDACTED]@'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('[REDACTED]@example.com');
    // The chain covers the line as written (scrubbed).
    write(2);
    expect(verifyAuditLog(fs.readFileSync(file, 'utf8'))).toMatchObject({ ok: true });
  });

  it("toolVersion is package.json's version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(toolVersion()).toBe(pkg.version);
  });
});
