import { AccessModel } from '../graph/access';
import { CollectionInfo } from '../graph/collection';
import { SUPER_ADMIN_ROLE } from '../graph/types';
import { toCsv } from '../util/csv';
import {
  grantText,
  REVIEW_COLUMNS,
  reviewRow,
  reviewSummary,
  ReviewSummary,
  scopeText,
  TOKEN_COLUMNS,
  tokenRows,
} from './rows';

export type ReviewFormat = 'csv' | 'md' | 'html';

export interface ReviewMeta {
  graph: string;
  collection: CollectionInfo;
}

/** The line every format opens with: the banner when the collection was not complete, else that it was. */
export function completenessLine(collection: CollectionInfo): string {
  return collection.banner ?? 'Collection complete: every step finished.';
}

function tokensNote(model: AccessModel): string | undefined {
  if (!model.tokensCollected) return 'API tokens were not collected (the api-tokens area did not run).';
  return model.tokens.length === 0 ? 'No API tokens.' : undefined;
}

/**
 * CSV for auditors: a short preamble (collection time and completeness),
 * then the members table, then the API token table, blank lines between.
 */
function renderCsv(model: AccessModel, meta: ReviewMeta): string {
  const members = model.members.map(reviewRow);
  const preamble = toCsv(
    ['Cloudflare access review', meta.graph],
    [
      ['Collected', meta.collection.time],
      ['Completeness', completenessLine(meta.collection)],
    ],
  );
  const memberTable = toCsv(
    [...REVIEW_COLUMNS],
    members.map((row) => REVIEW_COLUMNS.map((column) => row[column])),
  );
  const note = tokensNote(model);
  const tokenTable = note
    ? toCsv(['API tokens'], [[note]])
    : toCsv(
        [...TOKEN_COLUMNS],
        tokenRows(model).map((row) => TOKEN_COLUMNS.map((column) => row[column])),
      );
  return [preamble, memberTable, tokenTable].join('\r\n');
}

export function renderReview(model: AccessModel, format: ReviewFormat, meta: ReviewMeta): string {
  switch (format) {
    case 'csv':
      return renderCsv(model, meta);
    case 'md':
      return renderMarkdown(model, meta);
    case 'html':
      return renderHtml(model, meta);
  }
}

function summaryLine(summary: ReviewSummary): string {
  return (
    `${summary.members} members in ${summary.accounts} accounts; ${summary.without2fa} accepted without 2FA (off or unknown); ` +
    `${summary.superAdmins} Super Administrators; ${summary.pendingInvites} pending invitations`
  );
}

/** A Markdown table cell: pipes escaped, line breaks flattened, never empty. */
function mdCell(value: string): string {
  const flat = value
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|');
  return flat === '' ? ' ' : flat;
}

function renderMarkdown(model: AccessModel, meta: ReviewMeta): string {
  const lines = [`# Cloudflare access review`, ''];
  if (meta.collection.banner) lines.push(`> **${meta.collection.banner}**`, '');
  lines.push(
    `Graph: \`${meta.graph}\``,
    '',
    `${meta.collection.timeLine}.${meta.collection.banner ? '' : ` ${completenessLine(meta.collection)}`}`,
    '',
    summaryLine(reviewSummary(model)),
    '',
  );
  const columns = REVIEW_COLUMNS.filter((c) => c !== 'Account' && c !== 'Account ID');
  for (const account of model.accounts) {
    const members = model.members.filter((m) => m.accountId === account.id);
    lines.push(`## ${mdCell(account.name)} (${account.id})`, '');
    if (members.length === 0) {
      lines.push('No members.', '');
      continue;
    }
    lines.push(`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`);
    for (const member of members) {
      const row = reviewRow(member);
      lines.push(`| ${columns.map((c) => mdCell(row[c])).join(' | ')} |`);
    }
    lines.push('');
  }
  // Members of accounts the graph does not hold (a partial collection).
  const known = new Set(model.accounts.map((a) => a.id));
  const orphans = model.members.filter((m) => !known.has(m.accountId));
  if (orphans.length > 0) {
    lines.push('## Members of accounts not in the graph', '');
    lines.push(`| ${REVIEW_COLUMNS.join(' | ')} |`, `|${REVIEW_COLUMNS.map(() => ' --- ').join('|')}|`);
    for (const member of orphans) {
      const row = reviewRow(member);
      lines.push(`| ${REVIEW_COLUMNS.map((c) => mdCell(row[c])).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('## API tokens', '');
  const note = tokensNote(model);
  if (note) lines.push(note, '');
  else {
    lines.push(`| ${TOKEN_COLUMNS.join(' | ')} |`, `|${TOKEN_COLUMNS.map(() => ' --- ').join('|')}|`);
    for (const row of tokenRows(model)) lines.push(`| ${TOKEN_COLUMNS.map((c) => mdCell(row[c])).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const STYLE = `
:root { color-scheme: light; --line: #d9dde3; --muted: #5b6472; --bad: #b42318; --warn: #b54708; --ok: #067647; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1d2433; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: var(--muted); margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card b { display: block; font-size: 24px; }
.card.bad b { color: var(--bad); } .card.warn b { color: var(--warn); }
.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin-bottom: 10px; }
input[type=search], select { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
input[type=search] { min-width: 280px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { position: sticky; top: 0; background: #f5f7fa; font-weight: 600; white-space: nowrap; }
tr:hover td { background: #fafbfc; }
td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; color: var(--muted); }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; border: 1px solid currentColor; }
.mfa-off, .mfa-unknown { color: var(--bad); } .mfa-on { color: var(--ok); }
.status-pending { color: var(--warn); } .status-rejected { color: var(--muted); }
.super { color: var(--bad); font-weight: 600; }
ul { margin: 0; padding-left: 16px; }
.when { white-space: nowrap; }
.count { color: var(--muted); }
.banner { border: 2px solid var(--bad); color: var(--bad); background: #fef3f2; border-radius: 8px; padding: 10px 14px; margin: 0 0 16px; font-weight: 600; }
h2 { font-size: 18px; margin: 28px 0 8px; }
`;

// Filters rows by free text, account, 2FA and status; no external code.
const SCRIPT = `
(function () {
  var q = document.getElementById('q'), acct = document.getElementById('account'),
      mfa = document.getElementById('mfa'), st = document.getElementById('status'),
      rows = Array.prototype.slice.call(document.querySelectorAll('#members tbody tr')),
      count = document.getElementById('shown');
  function apply() {
    var text = q.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (row) {
      var ok = (!text || row.textContent.toLowerCase().indexOf(text) !== -1) &&
        (!acct.value || row.getAttribute('data-account') === acct.value) &&
        (!mfa.value || row.getAttribute('data-mfa') === mfa.value) &&
        (!st.value || row.getAttribute('data-status') === st.value);
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
  }
  [q, acct, mfa, st].forEach(function (el) { el.addEventListener('input', apply); });
  apply();
})();
`;

function list(items: string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return escapeHtml(items[0]);
  return `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function tokenTableHtml(model: AccessModel): string {
  const note = tokensNote(model);
  if (note) return `<p class="count">${escapeHtml(note)}</p>`;
  const body = tokenRows(model)
    .map((row, n) => {
      const token = model.tokens[n];
      const cells = TOKEN_COLUMNS.map((column) =>
        column === 'Scope' ? list(token.scope.map(scopeText)) || escapeHtml(row.Scope) : escapeHtml(row[column]),
      );
      return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table id="tokens">
<thead><tr>${TOKEN_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function renderHtml(model: AccessModel, meta: ReviewMeta): string {
  const summary = reviewSummary(model);
  const options = (values: string[]) =>
    values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
  const statuses = [...new Set(model.members.map((m) => m.status))].sort();
  const body = model.members
    .map((member) => {
      const row = reviewRow(member);
      const role = (name: string) =>
        name === SUPER_ADMIN_ROLE ? `<span class="super">${escapeHtml(name)}</span>` : escapeHtml(name);
      const rolesHtml =
        member.roles.length <= 1
          ? member.roles.map(role).join('')
          : `<ul>${member.roles.map((name) => `<li>${role(name)}</li>`).join('')}</ul>`;
      const dashboard =
        member.dashboardLogin.kind === 'at'
          ? `<span class="when">${escapeHtml(row['Last dashboard login'])}</span>`
          : `<span class="count">${escapeHtml(row['Last dashboard login'])}</span>`;
      const login =
        member.lastLogin.kind === 'at'
          ? `<span class="when">${escapeHtml(row['Last login'])}</span>`
          : `<span class="count">${escapeHtml(row['Last login'])}</span>`;
      return (
        `<tr data-account="${escapeHtml(member.accountId)}" data-mfa="${escapeHtml(member.mfa)}" data-status="${escapeHtml(member.status)}">` +
        `<td>${escapeHtml(row.Account)}</td>` +
        `<td>${escapeHtml(row.Email)}${row.Name ? `<br><span class="count">${escapeHtml(row.Name)}</span>` : ''}</td>` +
        `<td><span class="status-${escapeHtml(member.status)}">${escapeHtml(row.Status)}</span></td>` +
        `<td><span class="pill mfa-${escapeHtml(member.mfa)}">${escapeHtml(row['2FA'])}</span></td>` +
        `<td>${rolesHtml}</td>` +
        `<td>${list(member.grants.map(grantText))}</td>` +
        `<td>${dashboard}</td>` +
        `<td>${login}</td>` +
        `<td class="mono">${escapeHtml(row['Member ID'])}<br>${escapeHtml(row['Account ID'])}</td>` +
        `</tr>`
      );
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Cloudflare access review</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Cloudflare access review</h1>
${meta.collection.banner ? `<p class="banner" role="alert">${escapeHtml(meta.collection.banner)}</p>\n` : ''}<p class="meta">Graph: ${escapeHtml(meta.graph)}<br>${escapeHtml(meta.collection.timeLine)}${meta.collection.banner ? '' : `<br>${escapeHtml(completenessLine(meta.collection))}`}</p>
<div class="cards">
<div class="card"><b>${summary.members}</b>members in ${summary.accounts} accounts</div>
<div class="card${summary.without2fa > 0 ? ' bad' : ''}"><b>${summary.without2fa}</b>accepted without 2FA</div>
<div class="card${summary.superAdmins > 0 ? ' warn' : ''}"><b>${summary.superAdmins}</b>Super Administrators</div>
<div class="card${summary.pendingInvites > 0 ? ' warn' : ''}"><b>${summary.pendingInvites}</b>pending invitations</div>
</div>
<div class="filters">
<input id="q" type="search" placeholder="Filter: email, role, zone, token…" aria-label="Filter">
<select id="account" aria-label="Account"><option value="">All accounts</option>${model.accounts
    .map((a) => `<option value="${escapeHtml(a.id)}">${escapeHtml(a.name)}</option>`)
    .join('')}</select>
<select id="mfa" aria-label="2FA"><option value="">Any 2FA</option>${options(['on', 'off', 'unknown'])}</select>
<select id="status" aria-label="Status"><option value="">Any status</option>${options(statuses)}</select>
<span id="shown" class="count"></span>
</div>
<table id="members">
<thead><tr><th>Account</th><th>Email</th><th>Status</th><th>2FA</th><th>Roles</th><th>Resource-scoped grants</th><th>Last dashboard login</th><th>Last login</th><th>Member / account ID</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<h2>API tokens</h2>
${tokenTableHtml(model)}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
