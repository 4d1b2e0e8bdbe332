import { CollectionInfo } from '../graph/collection';
import { isoSeconds } from '../util/output';
import { CheckResult } from './checks';
import { Policy } from './policy';

export interface CheckReport {
  graph: string;
  roster: string;
  policy: string | null;
  now: string;
  collection: CollectionInfo;
  settings: Policy;
  /** Problems with the inputs that did not stop the run (a policy naming an unknown role). */
  warnings: string[];
  passed: number;
  failed: number;
  skipped: number;
  checks: CheckResult[];
}

export function makeReport(
  inputs: {
    graph: string;
    roster: string;
    policy?: string;
    now: number;
    settings: Policy;
    collection: CollectionInfo;
    warnings?: string[];
  },
  checks: CheckResult[],
): CheckReport {
  const count = (status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
  return {
    graph: inputs.graph,
    roster: inputs.roster,
    policy: inputs.policy ?? null,
    now: isoSeconds(inputs.now),
    collection: inputs.collection,
    settings: inputs.settings,
    warnings: inputs.warnings ?? [],
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    checks,
  };
}

export function renderCheckJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderCheckText(report: CheckReport): string {
  const lines: string[] = [];
  const verdict =
    report.failed > 0
      ? `${report.failed} of ${report.checks.length} checks failed`
      : `all ${report.passed} checks passed${report.skipped > 0 ? ` (${report.skipped} skipped)` : ''}`;
  lines.push(`graph-cloudflare check: ${verdict}`);
  if (report.collection.banner) lines.push(`!!! ${report.collection.banner}`);
  lines.push(
    `graph ${report.graph}, roster ${report.roster}, policy ${report.policy ?? '(defaults)'}, as of ${report.now}`,
  );
  lines.push(report.collection.timeLine);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  for (const check of report.checks) {
    lines.push('');
    const label = check.status.toUpperCase().padEnd(4);
    const extra = check.status === 'fail' ? `: ${check.offenders.length} found` : '';
    lines.push(`${label}  ${check.title}${extra}  [${check.summary}]`);
    const accountWidth = Math.max(0, ...check.offenders.map((o) => o.accountName.length));
    const emailWidth = Math.max(0, ...check.offenders.map((o) => (o.email || '-').length));
    for (const o of check.offenders) {
      lines.push(`      ${o.accountName.padEnd(accountWidth)}  ${(o.email || '-').padEnd(emailWidth)}  ${o.detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
