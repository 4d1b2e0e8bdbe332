import {
  changeCount,
  FieldChange,
  GrantRef,
  GraphDiff,
  MemberRef,
  ObjectChanges,
  RecordRef,
  TokenRef,
  ZeroTrustRef,
} from './diff';

export function renderDiffJson(diff: GraphDiff): string {
  return `${JSON.stringify({ ...diff, changes: changeCount(diff) }, null, 2)}\n`;
}

const shown = (value: unknown) => (value === null || value === undefined ? '(none)' : String(value));
const code = (value: unknown) => `\`${shown(value).replace(/`/g, "'")}\``;
const member = (m: MemberRef) => `${m.email || m.memberId} (${m.accountName}, ${m.memberId})`;
const record = (r: RecordRef) => `${r.type} ${r.name} → ${code(r.content)} (zone ${r.zone}, id ${r.id})`;
const token = (t: TokenRef) => `"${t.name}" (${t.id}${t.accountId ? `, account ${t.accountId}` : ', user token'})`;
const changes = (list: FieldChange[]) =>
  list
    .map(
      (c) =>
        `${c.field} ${code(Array.isArray(c.from) ? c.from.join(', ') : c.from)} → ${code(Array.isArray(c.to) ? c.to.join(', ') : c.to)}`,
    )
    .join(', ');
const grant = (g: GrantRef) => `${member(g.member)} on ${g.target} (${g.scope})`;
const groups = (g: GrantRef) =>
  [
    g.permissionGroups.join(', '),
    g.deniedPermissionGroups.length > 0 ? `denied ${g.deniedPermissionGroups.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ') || '(nothing)';
const zeroTrust = (z: ZeroTrustRef) => `"${z.name}" (${z.id}${z.accountId ? `, account ${z.accountId}` : ''})`;

function objectSections(lines: string[], title: string, part: ObjectChanges): void {
  const inner: string[] = [];
  section(inner, 'Added', part.added.map(zeroTrust));
  section(inner, 'Removed', part.removed.map(zeroTrust));
  section(
    inner,
    'Changed',
    part.changed.map((c) => `${zeroTrust(c.item)}: ${changes(c.changes)}`),
  );
  if (inner.length > 0) lines.push(`## ${title}`, '', ...inner);
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push(`### ${title} (${items.length})`, '', ...items.map((item) => `- ${item}`), '');
}

export function renderDiffMarkdown(diff: GraphDiff): string {
  const total = changeCount(diff);
  const lines = [
    '# Cloudflare changes',
    '',
    `From \`${diff.old}\` to \`${diff.new}\`: ${total === 0 ? 'no changes' : `${total} change${total === 1 ? '' : 's'}`}.`,
    '',
  ];
  for (const [which, info] of [
    ['Old', diff.collections.old],
    ['New', diff.collections.new],
  ] as const) {
    if (info.banner) lines.push(`> **${which} graph: ${info.banner}**`, '');
    lines.push(`${which} graph: ${info.timeLine}.`, '');
  }
  for (const note of diff.notes) lines.push(`> ${note}`, '');

  const m = diff.members;
  const memberLines: string[] = [];
  section(
    memberLines,
    'Added',
    m.added.map((x) => `${member(x)}: ${x.status}, roles ${x.roles.length > 0 ? x.roles.join(', ') : '(none)'}`),
  );
  section(
    memberLines,
    'Removed',
    m.removed.map((x) => `${member(x)}: was ${x.status}, roles ${x.roles.join(', ') || '(none)'}`),
  );
  section(
    memberLines,
    'Role changes',
    m.roleChanges.map(
      (c) =>
        `${member(c.member)}: ${[
          c.added.length > 0 ? `+ ${c.added.join(', ')}` : '',
          c.removed.length > 0 ? `− ${c.removed.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
    ),
  );
  section(
    memberLines,
    '2FA changes',
    m.mfaChanges.map((c) => `${member(c.member)}: 2FA ${c.from} → ${c.to}`),
  );
  section(
    memberLines,
    'Status changes',
    m.statusChanges.map((c) => `${member(c.member)}: ${c.from} → ${c.to}`),
  );
  if (memberLines.length > 0) lines.push('## Members', '', ...memberLines);

  const grantLines: string[] = [];
  section(
    grantLines,
    'Added',
    diff.grants.added.map((g) => `${grant(g)}: ${groups(g)}`),
  );
  section(
    grantLines,
    'Removed',
    diff.grants.removed.map((g) => `${grant(g)}: was ${groups(g)}`),
  );
  section(
    grantLines,
    'Changed',
    diff.grants.changed.map(
      (c) =>
        `${grant(c.grant)}: ${[
          c.added.length > 0 ? `+ ${c.added.join(', ')}` : '',
          c.removed.length > 0 ? `− ${c.removed.join(', ')}` : '',
          c.deniedAdded.length > 0 ? `+ denied ${c.deniedAdded.join(', ')}` : '',
          c.deniedRemoved.length > 0 ? `− denied ${c.deniedRemoved.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')}`,
    ),
  );
  if (grantLines.length > 0) lines.push('## Policy grants (access that is not a role)', '', ...grantLines);

  objectSections(lines, 'Access policies', diff.zeroTrust.policies);
  objectSections(lines, 'Access applications', diff.zeroTrust.applications);
  objectSections(lines, 'Identity providers', diff.zeroTrust.identityProviders);

  const d = diff.dnsRecords;
  const dnsLines: string[] = [];
  section(dnsLines, 'Added', d.added.map(record));
  section(dnsLines, 'Removed', d.removed.map(record));
  section(
    dnsLines,
    'Changed',
    d.changed.map((c) => `${record(c.record)}: ${changes(c.changes)}`),
  );
  if (dnsLines.length > 0) lines.push('## DNS records', '', ...dnsLines);

  const tokenLines: string[] = [];
  section(
    tokenLines,
    'Created',
    diff.tokens.created.map((t) => `${token(t)}: ${t.status}`),
  );
  section(
    tokenLines,
    'Revoked',
    diff.tokens.revoked.map((r) => `${token(r.token)}: ${r.reason}`),
  );
  if (tokenLines.length > 0) lines.push('## API tokens', '', ...tokenLines);

  const zoneLines: string[] = [];
  section(
    zoneLines,
    'Weakened',
    diff.zones.weakened.map((z) => `${z.zone} (${z.zoneId}): ${changes(z.changes)}`),
  );
  if (zoneLines.length > 0) lines.push('## Zone security settings', '', ...zoneLines);
  return `${lines.join('\n').trimEnd()}\n`;
}
