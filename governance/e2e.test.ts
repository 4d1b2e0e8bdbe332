/**
 * review, check and diff on graphs the integration really collected: the
 * full collection (tools/lib/collect.ts) against the simulator's realistic
 * dataset, once as it is and once after changing it the way a week of real
 * administration would.
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ACME_CORP, ACME_LABS, ACME_READ_TOKEN, ACME_UNUSED_TOKEN, ACME_ZONE, SANDBOX } from '../test/fixtures';
import { realisticDataset, SimulatorDataset } from '../simulator';
import { main } from './cli';
import { parseCsv } from './util/csv';
import { CollectedGraphDir, collectGraph } from './testing/collectGraph';

const REPO = path.join(__dirname, '..');
const ROSTER = path.join(__dirname, 'examples', 'roster.csv');
const POLICY = path.join(__dirname, 'examples', 'policy.json');
const NOW = '2026-12-01T00:00:00Z';

/** The simulator's clock for its activity logs: logins are served as "N days before" it. */
const ACTIVITY_NOW = Date.now();
const DAY_MS = 86_400_000;

const ADDED_MEMBER = 'e2e0000000000000000000000000add1';
const ADDED_RECORD = 'e2e00000000000000000000000rec0a1';
const ADDED_TOKEN = 'e2e00000000000000000000000tok0a1';

/** The dataset a week later: one member joined, one left, a role and a 2FA change, DNS, tokens, a zone weakened. */
function changedDataset(): SimulatorDataset {
  const ds = realisticDataset();
  const members = ds.membersByAccount.get(ACME_CORP)!;
  const byEmail = (email: string) => members.find((m) => m.email === email)!;
  const dnsRole = byEmail('harper.obrien@acme.example').roles;
  members.push({
    ...byEmail('harper.obrien@acme.example'),
    id: ADDED_MEMBER,
    email: 'new.hire@acme.example',
    user: {
      id: 'e2e000000000000000000000user0001',
      email: 'new.hire@acme.example',
      first_name: 'New',
      last_name: 'Hire',
      two_factor_authentication_enabled: true,
    },
    roles: dnsRole,
  });
  members.splice(members.indexOf(byEmail('hiroshi.silva57@acme.example')), 1);
  byEmail('priya.garcia@acme.example').roles = byEmail('aisha.tanaka@acme.example').roles; // Administrator → Billing
  byEmail('liam.garcia@acme.example').user.two_factor_authentication_enabled = true;

  const records = ds.dnsRecordsByZone.get(ACME_ZONE)!;
  records[0] = { ...records[0], content: '192.0.2.99' };
  const removed = records.findIndex((r) => r.type === 'CNAME');
  const template = records[removed];
  records.splice(removed, 1);
  records.push({ ...template, id: ADDED_RECORD, name: 'new.acme.example', content: 'new.origin.example.net' });

  const settings = ds.zoneSettingsByZone.get(ACME_ZONE)!;
  settings.find((s) => s.id === 'ssl')!.value = 'flexible';
  settings.find((s) => s.id === 'min_tls_version')!.value = '1.0';
  ds.dnssecByZone.get(ACME_ZONE)!.status = 'disabled';

  const tokens = ds.accountTokensByAccount.get(ACME_CORP)!;
  tokens.find((t) => t.id === ACME_READ_TOKEN)!.status = 'disabled';
  const unused = tokens.find((t) => t.id === ACME_UNUSED_TOKEN)!;
  tokens.push({
    ...unused,
    id: ADDED_TOKEN,
    name: 'Created between collections',
  });
  return ds;
}

let before: CollectedGraphDir;
let after: CollectedGraphDir;

beforeAll(async () => {
  before = await collectGraph({ ...realisticDataset(), activityNowMs: ACTIVITY_NOW });
  after = await collectGraph(changedDataset());
}, 300_000);

afterAll(() => {
  before?.remove();
  after?.remove();
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('review of the realistic dataset', () => {
  let rows: Array<Record<string, string>>;
  let tokenRows: Array<Record<string, string>>;
  beforeAll(async () => {
    const { code, stdout, stderr } = await cli(['review', before.graphDir, '--format', 'csv']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // Preamble, members, API tokens: tables apart by a blank line.
    const [preamble, members, tokens] = stdout.split('\r\n\r\n');
    expect(parseCsv(preamble, 'review.csv')[2].fields.map((f) => f.value)).toEqual([
      'Completeness',
      'Collection complete: every step finished.',
    ]);
    const table = (text: string) => {
      const [header, ...records] = parseCsv(text, 'review.csv');
      return records.map((r) => Object.fromEntries(r.fields.map((f, i) => [header.fields[i].value, f.value])));
    };
    rows = table(members);
    tokenRows = table(tokens);
  });
  const row = (accountId: string, email: string) =>
    rows.filter((r) => r['Account ID'] === accountId && r.Email === email);

  test('one row per account and member', () => {
    expect(rows).toHaveLength(79);
    const count = (id: string) => rows.filter((r) => r['Account ID'] === id).length;
    expect([count(ACME_CORP), count(ACME_LABS), count(SANDBOX)]).toEqual([67, 10, 2]);
    // The member Cloudflare lists on two pages is one row.
    expect(row(ACME_CORP, 'james.nguyen49@acme.example')).toHaveLength(1);
  });

  test('the Super Administrator: role, Zero Trust login, token', () => {
    expect(row(ACME_CORP, 'olivia.nguyen@acme.example')).toEqual([
      {
        Account: 'Acme Corp',
        'Account ID': ACME_CORP,
        'Member ID': 'd7b06cbe6d0598b0a1fd8df86bde3f48',
        Email: 'olivia.nguyen@acme.example',
        Name: 'Olivia Nguyen',
        Status: 'accepted',
        '2FA': 'on',
        Roles: 'Super Administrator - All Privileges',
        // Its policy mirrors the role: no separate grant.
        'Resource-scoped grants': '',
        // The first accepted member logged in 2 days before the simulator's clock.
        'Last dashboard login': new Date(ACTIVITY_NOW - 2 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'Last login': '2025-01-10T08:10:05Z',
      },
    ]);
  });

  test('members with policies instead of roles', () => {
    expect(row(ACME_CORP, 'zoe.zonedns@acme.example')[0]).toMatchObject({
      Roles: '',
      'Resource-scoped grants': 'acme-cdn.example (zone): Domain DNS; acme.example (zone): Domain DNS',
      'Last login': 'never',
    });
    expect(row(ACME_CORP, 'leo.accountdns@acme.example')[0]).toMatchObject({
      Roles: '',
      'Resource-scoped grants': 'Acme Corp (account): DNS, Zone Read; acme.example (zone): denied DNS',
    });
    expect(row(ACME_CORP, 'kai.zoneadmin@acme.example')[0]['Resource-scoped grants']).toBe(
      'acme-shop.example (zone): Domain Administrator; acme.example (zone): Domain Administrator Read Only',
    );
  });

  test('invitations, 2FA off, tokens of several states, accounts without Zero Trust', () => {
    expect(row(ACME_CORP, 'contractor@partner.example')[0]).toMatchObject({
      Name: '',
      Status: 'pending',
      Roles: 'Audit Logs Viewer',
      'Last login': 'not a Zero Trust user',
    });
    expect(row(ACME_CORP, 'liam.garcia@acme.example')[0]).toMatchObject({
      '2FA': 'off',
      Roles: 'Administrator Read Only',
      'Last login': '2025-02-11T08:11:05Z',
    });
    // The same person in another account: that account's roles, none of Acme Corp's tokens.
    expect(row(ACME_LABS, 'noah.okafor@acme.example')[0]).toMatchObject({ Roles: 'DNS' });
    expect(row(SANDBOX, 'isabella.tanaka200@acme.example')[0]).toMatchObject({
      '2FA': 'off',
      Roles: 'Super Administrator - All Privileges',
      'Last login': 'no Zero Trust data',
    });
    expect(row(ACME_CORP, 'luna.mensah@acme.example')[0].Roles).toBe(
      'SSL/TLS, Caching, Performance, Page Rules, and Customization',
    );
  });

  test('the API token section: status, permissions, scope, last use, expiry of every token', () => {
    expect(tokenRows.map((t) => `${t.Account} | ${t.Name} | ${t.Status}`)).toEqual([
      'Acme Corp | Account-wide read (SIEM) | active',
      'Acme Corp | Cache purge (expires soon) | active',
      'Acme Corp | DNS edit: acme.example and CDN | active',
      'Acme Corp | Never used (Zero Trust audit) | active',
      'Acme Corp | Old CI deploy | expired',
      'Acme Corp | Terraform (paused) | disabled',
      'Acme Labs | Labs DNS automation | active',
      '(user token) | Labs read, no DNS edit | active',
      '(user token) | Personal sandbox DNS | active',
      '(user token) | graph-cloudflare read-only | active',
    ]);
    expect(tokenRows.find((t) => t['Token ID'] === '9448256344568ea56ea65612cd1ada49')).toEqual({
      Account: 'Acme Corp',
      'Token ID': '9448256344568ea56ea65612cd1ada49',
      Name: 'DNS edit: acme.example and CDN',
      Owner: 'account',
      Status: 'active',
      Permissions: 'DNS Write, Zone Read',
      Scope: 'acme-cdn.example (zone): DNS Write, Zone Read; acme.example (zone): DNS Write, Zone Read',
      'Can edit': 'yes',
      'Last used': '2025-06-30',
      Expires: 'never',
    });
  });

  test('Markdown summary and HTML page', async () => {
    const md = await cli(['review', before.graphDir]);
    expect(md.stdout.split('\n')[6]).toBe(
      '79 members in 3 accounts; 15 accepted without 2FA (off or unknown); 4 Super Administrators; 7 pending invitations',
    );
    const html = await cli(['review', before.graphDir, '--format', 'html']);
    expect(html.stdout.match(/<tr data-account/g)).toHaveLength(79);
    expect(html.stdout).not.toMatch(/\ssrc=|<link\s|https?:\/\//);
  });
});

describe('check of the realistic dataset against the sample roster and policy', () => {
  test('every check fails, with exactly these offenders', async () => {
    const { code, stdout, stderr } = await cli([
      'check',
      before.graphDir,
      '--roster',
      ROSTER,
      '--policy',
      POLICY,
      '--now',
      NOW,
      '--format',
      'json',
    ]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ passed: 0, failed: 6, skipped: 0, now: NOW });
    const found = Object.fromEntries(
      report.checks.map(
        (c: {
          id: string;
          status: string;
          offenders: Array<{ accountName: string; email: string; detail: string }>;
        }) => [c.id, c.offenders.map((o) => `${o.accountName} | ${o.email} | ${o.detail}`)],
      ),
    );
    expect(found).toEqual({
      identified: [
        'Acme Corp | contractor@partner.example | not in the roster (invitation pending)',
        'Acme Corp | zoe.muller54@acme.example | not in the roster (membership accepted)',
        'Acme Labs | anna@xn--bcher-kva.example | not in the roster (membership accepted)',
        'Acme Labs | josé.garcía@acme-corp.example | not in the roster (membership accepted)',
        'Sandbox (personal) | lucas.patel201@acme.example | not in the roster (invitation pending)',
      ],
      leavers: [
        'Acme Corp | contractor@partner.example | not in the roster, invitation pending',
        'Acme Corp | hiroshi.silva57@acme.example | terminated in the roster (line 33), membership accepted',
        'Acme Corp | kai.khan@acme.example | terminated in the roster (line 42), invitation pending',
        'Acme Corp | mateo.patel@acme.example | terminated in the roster (line 58), membership accepted',
        'Acme Corp | zoe.muller54@acme.example | not in the roster, membership accepted',
        'Acme Labs | anna@xn--bcher-kva.example | not in the roster, membership accepted',
        'Acme Labs | josé.garcía@acme-corp.example | not in the roster, membership accepted',
        'Sandbox (personal) | lucas.patel201@acme.example | not in the roster, invitation pending',
      ],
      roles: [
        'Acme Corp | luna.mensah@acme.example | role "SSL/TLS, Caching, Performance, Page Rules, and Customization" not allowed (allowed for role "Marketing Designer" / department "Marketing": "Analytics")',
        'Acme Corp | priya.garcia@acme.example | role "Administrator" not allowed (allowed for role "Financial Controller" / department "Finance": "Billing")',
        expect.stringMatching(
          /^Sandbox \(personal\) \| isabella\.tanaka200@acme\.example \| role "Super Administrator - All Privileges" not allowed \(allowed for role "Software Engineer" \/ department "Engineering": "Administrator", /,
        ),
      ],
      '2fa': [
        'amelia.larsen44',
        'ava.kowalski',
        'bjorn.kowalski',
        'camila.larsen',
        'chidi.johansson59',
        'chidi.smith',
        'chloe.schmidt',
        'hiroshi.nguyen',
        'hiroshi.silva57',
        'levi.ivanova43',
        'liam.garcia',
        'lucas.cohen41',
        'mateo.patel',
        'zoe.muller54',
      ]
        .map((local) => `Acme Corp | ${local}@acme.example | 2FA off`)
        .concat(['Sandbox (personal) | isabella.tanaka200@acme.example | 2FA off']),
      'super-admins': [
        'Acme Corp | mateo.patel@acme.example | Super Administrator, membership accepted; Acme Corp has 2 (at most 1)',
        'Acme Corp | olivia.nguyen@acme.example | Super Administrator, membership accepted; Acme Corp has 2 (at most 1)',
      ],
      'token-idle': [
        '(user token) |  | token "Labs read, no DNS edit" (b01dd2b8d95b070a74bda036d31288e8) never used, issued 2024-06-06 (907 days ago)',
        '(user token) |  | token "Personal sandbox DNS" (8c65df660e2427974b83928d7995d2ba) last used 2024-02-17 (1017 days ago)',
        'Acme Corp |  | token "Account-wide read (SIEM)" (d9660ff29b39a753f0f5aa955c85d16a) last used 2025-06-30 (518 days ago)',
        'Acme Corp |  | token "DNS edit: acme.example and CDN" (9448256344568ea56ea65612cd1ada49) last used 2025-06-30 (518 days ago)',
        'Acme Corp |  | token "Never used (Zero Trust audit)" (224b83b845ace3fa320fa5671d225353) never used, issued 2025-03-03 (637 days ago)',
        'Acme Labs |  | token "Labs DNS automation" (442ebdb4362548760323671f24b69c23) last used 2025-06-01 (547 days ago)',
      ],
    });
  });

  test('after offboarding the leavers and fixing 2FA, those checks pass', async () => {
    // The second collection removed hiroshi.silva57 and turned liam.garcia's 2FA on.
    const { stdout } = await cli([
      'check',
      after.graphDir,
      '--roster',
      ROSTER,
      '--policy',
      POLICY,
      '--now',
      NOW,
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout);
    const emails = (id: string) =>
      report.checks.find((c: { id: string }) => c.id === id).offenders.map((o: { email: string }) => o.email);
    expect(emails('leavers')).not.toContain('hiroshi.silva57@acme.example');
    expect(emails('2fa')).not.toContain('liam.garcia@acme.example');
    expect(emails('identified')).toEqual([
      'contractor@partner.example',
      'new.hire@acme.example',
      'zoe.muller54@acme.example',
      'anna@xn--bcher-kva.example',
      'josé.garcía@acme-corp.example',
      'lucas.patel201@acme.example',
    ]);
  });
});

describe('diff between the two collections', () => {
  test('exactly the changes made to the dataset', async () => {
    const { code, stdout } = await cli(['diff', before.graphDir, after.graphDir, '--format', 'json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    const who = (m: { accountName: string; email: string }) => `${m.accountName} ${m.email}`;
    expect({
      added: diff.members.added.map(who),
      removed: diff.members.removed.map(who),
      roles: diff.members.roleChanges.map(
        (c: { member: { email: string }; added: string[]; removed: string[] }) =>
          `${c.member.email} +${c.added} -${c.removed}`,
      ),
      mfa: diff.members.mfaChanges.map(
        (c: { member: { email: string }; from: string; to: string }) => `${c.member.email} ${c.from}→${c.to}`,
      ),
      status: diff.members.statusChanges,
    }).toEqual({
      added: ['Acme Corp new.hire@acme.example'],
      removed: ['Acme Corp hiroshi.silva57@acme.example'],
      roles: ['priya.garcia@acme.example +Billing -Administrator'],
      mfa: ['liam.garcia@acme.example off→on'],
      status: [],
    });
    expect(diff.dnsRecords).toEqual({
      added: [
        {
          id: ADDED_RECORD,
          zone: 'acme.example',
          name: 'new.acme.example',
          type: 'CNAME',
          content: 'new.origin.example.net',
        },
      ],
      removed: [
        {
          id: 'bb3adce50586ecd4e42a34158dff26fe',
          zone: 'acme.example',
          name: 'www.acme.example',
          type: 'CNAME',
          content: 'lb-0.origin.example.net',
        },
      ],
      changed: [
        {
          record: {
            id: 'f8b43d88ad73fa35bb97d64f8f2f6a9d',
            zone: 'acme.example',
            name: 'acme.example',
            type: 'A',
            content: '192.0.2.99',
          },
          changes: [{ field: 'content', from: '192.0.2.1', to: '192.0.2.99' }],
        },
      ],
    });
    expect(diff.tokens).toEqual({
      created: [
        {
          id: ADDED_TOKEN,
          name: 'Created between collections',
          status: 'active',
          accountId: ACME_CORP,
        },
      ],
      revoked: [
        {
          token: {
            id: ACME_READ_TOKEN,
            name: 'Account-wide read (SIEM)',
            status: 'disabled',
            accountId: ACME_CORP,
          },
          reason: 'status active → disabled',
        },
      ],
    });
    expect(diff.zones.weakened).toEqual([
      {
        zoneId: ACME_ZONE,
        zone: 'acme.example',
        accountId: ACME_CORP,
        changes: [
          { field: 'sslMode', from: 'strict', to: 'flexible' },
          { field: 'minTlsVersion', from: '1.2', to: '1.0' },
          { field: 'dnssecStatus', from: 'active', to: 'disabled' },
        ],
      },
    ]);
    expect(diff).toMatchObject({ notes: [], changes: 10 });
  });

  test('a collection compared with itself has no changes', async () => {
    const { stdout } = await cli(['diff', before.graphDir, before.graphDir, '--format', 'json']);
    expect(JSON.parse(stdout).changes).toBe(0);
  });
});

describe('the managed questions', () => {
  test('every property the queries name exists in a collected graph', () => {
    const keys = new Set<string>();
    for (const object of [...before.result.entities, ...before.result.relationships]) {
      Object.keys(object).forEach((k) => keys.add(k));
    }
    const yaml = fs.readFileSync(path.join(REPO, 'jupiterone', 'questions', 'questions.yaml'), 'utf8');
    const queries = [...yaml.matchAll(/query: \|\n((?: {10}.*\n?)+)/g)].map((m) => m[1]);
    expect(queries.length).toBeGreaterThanOrEqual(12);
    const used = new Set<string>();
    for (const query of queries) {
      const text = query.replace(/'[^']*'/g, "''");
      for (const m of text.matchAll(/\b[a-z]\w*\.([A-Za-z_]\w*)\b/g)) used.add(m[1]);
      for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s*(?:!=|=|<|>|\^=|~=)/g)) used.add(m[1]);
    }
    // Not ours: the Person's (from an HR integration) and J1QL's clock.
    const foreign = new Set(['employeeType', 'now']);
    expect([...used].filter((name) => !keys.has(name) && !foreign.has(name)).sort()).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });
});

describe('the graph-cloudflare bin', () => {
  const bin = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(REPO, 'bin', 'graph-cloudflare.js'), ...args], (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });

  test('writes the HTML review with --out, and nothing when the roster is malformed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-bin-'));
    try {
      const page = path.join(dir, 'review.html');
      const review = await bin(['review', before.graphDir, '--format', 'html', '--out', page]);
      expect(review).toEqual({
        code: 0,
        stdout: '',
        stderr: `graph-cloudflare: wrote the review (79 members) to ${page}\n`,
      });
      expect(fs.readFileSync(page, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);

      const roster = path.join(dir, 'roster.csv');
      fs.writeFileSync(roster, 'email,status\nada@acme.example,active\n"bob@acme.example,active\n');
      const report = path.join(dir, 'report.txt');
      const check = await bin(['check', before.graphDir, '--roster', roster, '--out', report]);
      expect(check).toEqual({
        code: 2,
        stdout: '',
        stderr: `${roster}:3:1: unterminated quoted field: the quote opened here is never closed\n`,
      });
      expect(fs.readdirSync(dir).sort()).toEqual(['review.html', 'roster.csv']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a collection that could not read the API tokens, and a graph folder copied on its own', () => {
  let partial: CollectedGraphDir;
  let copyDir: string;
  beforeAll(async () => {
    partial = await collectGraph(realisticDataset(), {
      faults: { seed: 1, rate: 0, failPaths: [{ pattern: /\/accounts\/[0-9a-f]+\/tokens/, status: 500 }] },
    });
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-copied-'));
    fs.cpSync(before.graphDir, copyDir, { recursive: true });
  }, 120_000);
  afterAll(() => {
    partial?.remove();
    fs.rmSync(copyDir, { recursive: true, force: true });
  });

  test('the review says PARTIAL in the file, not only on stderr', async () => {
    const banner =
      'PARTIAL COLLECTION: steps not finished: fetch-api-tokens (failure); partial types: cloudflare_account_has_api_token, cloudflare_api_token, ' +
      'cloudflare_api_token_allows_account, cloudflare_api_token_allows_dns_zone. Results may miss what the run could not read.';
    const { code, stdout, stderr } = await cli(['review', partial.graphDir, '--format', 'csv']);
    expect(code).toBe(0);
    expect(stderr).toBe(`graph-cloudflare: warning: ${partial.graphDir}: ${banner}\n`);
    expect(parseCsv(stdout.split('\r\n\r\n')[0], 'review.csv')[2].fields.map((f) => f.value)).toEqual([
      'Completeness',
      banner,
    ]);
  });

  test('a copied graph folder: completeness unknown, and the time inside the data survives the copy', async () => {
    const original = JSON.parse((await cli(['diff', before.graphDir, before.graphDir, '--format', 'json'])).stdout);
    const copied = JSON.parse((await cli(['diff', before.graphDir, copyDir, '--format', 'json'])).stdout);
    expect(original.collections.new.completeness).toBe('complete');
    expect(copied.collections.new).toMatchObject({
      completeness: 'unknown',
      newestDataAt: original.collections.new.newestDataAt,
    });
    expect(copied.collections.new.banner).toMatch(/^COMPLETENESS UNKNOWN: no summary\.json/);
    expect(copied.changes).toBe(0);
  });
});
