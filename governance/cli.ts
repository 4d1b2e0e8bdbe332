/**
 * graph-cloudflare: the governance CLI. `review`, `check` and `diff` work
 * offline on collected graph folders; the enforcement commands
 * (governance/enforce) act on the live API.
 */
import fs from 'fs';
import { parseArgs } from 'util';
import { runChecks } from './check/checks';
import { parsePolicy, DEFAULT_POLICY, Policy, unknownPolicyRoles } from './check/policy';
import { makeReport, renderCheckJson, renderCheckText } from './check/report';
import { parseRoster } from './check/roster';
import { diffGraphs } from './diff/diff';
import { renderDiffJson, renderDiffMarkdown } from './diff/render';
import type { CommandIO } from './enforce';
import { DEFAULT_AUDIT_LOG, verifyAuditLog } from './enforce/audit';
import { buildAccessModel } from './graph/access';
import { collectionInfo } from './graph/collection';
import { DEFAULT_GRAPH_DIR, loadGraph, LoadedGraph } from './graph/load';
import { renderReview, ReviewFormat } from './review/render';
import { InputError } from './util/errors';
import { optionLines, OptionSpec, OptionTable, parserOptions } from './util/options';
import { writeFileAtomic } from './util/output';

export const EXIT = { OK: 0, CHECK_FAILED: 1, USAGE: 2 } as const;

const OFFLINE_COMMANDS = ['review', 'check', 'diff', 'verify-audit'] as const;

/** Loaded only when needed: the enforcement commands bring in the HTTP client, which offline commands never use. */
const enforcement = () => import('./enforce');

const usage = (enforcementCommands: readonly string[]) => `Usage: graph-cloudflare <command> [options]

Offline, on a graph folder written by \`j1-integration collect\` (default ${DEFAULT_GRAPH_DIR}):
  review [GRAPH_DIR]                        user access review (Markdown, CSV or HTML)
  check [GRAPH_DIR] --roster FILE.csv       compliance checks against an HR roster
  diff OLD_GRAPH_DIR NEW_GRAPH_DIR          what changed between two collections

On the audit log the enforcement commands write:
  verify-audit FILE                         check its hash chain (exit 1 at the first bad line)

Against the live Cloudflare API (dry run unless --apply):
  ${enforcementCommands.length > 0 ? enforcementCommands.join(', ') : '(none available)'}

Run \`graph-cloudflare <command> --help\` for a command's options.
Exit codes: 0 ok, 1 a check failed, 2 usage or input error.
`;

type OfflineCommand = (typeof OFFLINE_COMMANDS)[number];

const OUT: OptionSpec = {
  type: 'string',
  help: '--out FILE        write to FILE (atomically) instead of standard output',
};

/** Each command's own options: what its parser accepts and all its help lists. */
const OPTIONS: Record<OfflineCommand, OptionTable> = {
  review: {
    format: {
      type: 'string',
      help: `--format FORMAT   md (default), csv (RFC 4180, for auditors) or html
                    (one self-contained page)`,
    },
    bom: {
      type: 'boolean',
      help: `--bom             start the CSV with a UTF-8 byte order mark, so Excel reads
                    accented names right (--format csv only)`,
    },
    out: OUT,
  },
  check: {
    roster: {
      type: 'string',
      help: `--roster FILE     CSV with a header row: email (required), name,
                    status (active|terminated), role, department`,
    },
    policy: {
      type: 'string',
      help: `--policy FILE     JSON: {"allowedRoles": {"<role or department>": ["<Cloudflare
                    role>", ...]}, "maxSuperAdmins": ${DEFAULT_POLICY.maxSuperAdmins}, "maxTokenIdleDays": ${DEFAULT_POLICY.maxTokenIdleDays},
                    "require2fa": ${DEFAULT_POLICY.require2fa}} (these defaults when left out)`,
    },
    now: { type: 'string', help: '--now ISO_TIME    the time token idleness is judged at (default: now)' },
    format: { type: 'string', help: '--format FORMAT   text (default) or json' },
    out: OUT,
  },
  diff: {
    format: { type: 'string', help: '--format FORMAT   md (default) or json' },
    out: OUT,
  },
  'verify-audit': {},
};

const GRAPH_DIR_HELP = `GRAPH_DIR         collected graph folder (default ${DEFAULT_GRAPH_DIR})`;

const ABOUT: Record<OfflineCommand, { usage: string; text: string; positionals: string[] }> = {
  review: {
    usage: 'review [GRAPH_DIR] [--format md|csv|html] [--bom] [--out FILE]',
    text: `A user access review: one row per account and member with email, status,
2FA, roles, resource-scoped grants (zone and account policies) and last Zero
Trust login; then every API token with its status, permissions, the accounts
and zones it covers, last use and expiry. Every format states when the graph
was collected and warns at the top when the collection was partial or its
completeness is unknown.`,
    positionals: [GRAPH_DIR_HELP],
  },
  check: {
    usage: `check [GRAPH_DIR] --roster FILE.csv [--policy FILE.json]
                              [--now ISO_TIME] [--format text|json] [--out FILE]`,
    text: `Compliance checks of the members against an HR roster and a policy; exits 1
when any check fails. A policy naming a role no account has gets a warning.`,
    positionals: [GRAPH_DIR_HELP],
  },
  diff: {
    usage: 'diff OLD_GRAPH_DIR NEW_GRAPH_DIR [--format md|json] [--out FILE]',
    text: `What changed between two collections: members added or removed, role, 2FA
and status changes, policy grants (resource-scoped and account-wide) added,
removed or changed, Access policies, applications and identity providers
added, removed or changed, DNS records added, removed or changed, API tokens
created or revoked, zone security settings weakened.`,
    positionals: [],
  },
  'verify-audit': {
    usage: 'verify-audit FILE',
    text: `Checks the hash chain of an audit log written by the enforcement commands'
--apply: each line must be JSON and name the SHA-256 of the line before it.
Prints "N entries, chain intact" (exit 0), or the first line that does not
follow and why: edited, removed, inserted, reordered, not JSON (exit 1).
Removing or editing the last lines cannot be seen from the file alone: keep
a copy of its last line's hash elsewhere to check those.`,
    positionals: [`FILE              the audit log (default name ${DEFAULT_AUDIT_LOG})`],
  },
};

/** A command's help: its usage, what it does, and only its own arguments and options. */
export function commandHelp(command: OfflineCommand): string {
  const about = ABOUT[command];
  return `Usage: graph-cloudflare ${about.usage}\n\n${about.text}\n\n${optionLines(OPTIONS[command], about.positionals)}\n`;
}

class UsageError extends InputError {}

function parse(
  command: OfflineCommand,
  argv: string[],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: parserOptions(OPTIONS[command]),
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
}

function choice<T extends string>(
  command: string,
  flag: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new UsageError(`${command}: --${flag} must be one of ${allowed.join(', ')}, not "${String(value)}"`);
  }
  return value as T;
}

function readInput(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${file}: no such ${what} file`
        : `${file}: cannot read the ${what} (${(err as Error).message})`,
    );
  }
}

/** The banner on the terminal too; the reports carry it themselves. */
function warnIncomplete(graph: LoadedGraph, io: CommandIO): void {
  const { banner } = collectionInfo(graph);
  if (banner) io.stderr(`graph-cloudflare: warning: ${graph.dir}: ${banner}\n`);
}

function emit(io: CommandIO, out: string | boolean | undefined, text: string, what: string): void {
  if (typeof out === 'string') {
    try {
      writeFileAtomic(out, text);
    } catch (err) {
      throw new InputError(`${out}: cannot write ${what.replace(/ \(.*$/, '')} (${(err as Error).message})`);
    }
    io.stderr(`graph-cloudflare: wrote ${what} to ${out}\n`);
  } else io.stdout(text);
}

function graphArg(command: string, positionals: string[]): string {
  if (positionals.length > 1) {
    throw new UsageError(`${command}: one graph folder at most, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  return positionals[0] ?? DEFAULT_GRAPH_DIR;
}

function review(argv: string[], io: CommandIO): number {
  const { values, positionals } = parse('review', argv);
  if (values.help) return help(io, 'review');
  const format = choice<ReviewFormat>('review', 'format', values.format, ['md', 'csv', 'html'], 'md');
  if (values.bom && format !== 'csv') throw new UsageError(`review: --bom applies to --format csv only, not ${format}`);
  const graph = loadGraph(graphArg('review', positionals));
  warnIncomplete(graph, io);
  const model = buildAccessModel(graph);
  const text = renderReview(model, format, { graph: graph.dir, collection: collectionInfo(graph) });
  emit(io, values.out, values.bom ? `\ufeff${text}` : text, `the review (${model.members.length} members)`);
  return EXIT.OK;
}

function check(argv: string[], io: CommandIO): number {
  const { values, positionals } = parse('check', argv);
  if (values.help) return help(io, 'check');
  const format = choice('check', 'format', values.format, ['text', 'json'] as const, 'text');
  if (typeof values.roster !== 'string') throw new UsageError('check: --roster FILE.csv is required');
  let now = Date.now();
  if (typeof values.now === 'string') {
    now = Date.parse(values.now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.now) || Number.isNaN(now)) {
      throw new UsageError(`check: --now must be an ISO 8601 time such as 2025-01-31T00:00:00Z, not "${values.now}"`);
    }
  }
  // Inputs first: a bad roster or policy fails before anything is read or written.
  const roster = parseRoster(readInput(values.roster, 'roster'), values.roster);
  const policy: Policy =
    typeof values.policy === 'string' ? parsePolicy(readInput(values.policy, 'policy'), values.policy) : DEFAULT_POLICY;
  const graph = loadGraph(graphArg('check', positionals));
  warnIncomplete(graph, io);
  const model = buildAccessModel(graph);
  const warnings = unknownPolicyRoles(policy, model).map(
    ({ key, name, line, column }) =>
      `${values.policy}${line === undefined ? '' : `:${line}:${column}`}: allowedRoles."${key}" names "${name}", which no account in the graph has as a role ` +
      '(nor any member as a permission group); check its spelling against the roles in the review',
  );
  for (const warning of warnings) io.stderr(`graph-cloudflare: warning: ${warning}\n`);
  const checks = runChecks(model, roster, policy, now);
  const report = makeReport(
    {
      graph: graph.dir,
      roster: values.roster,
      policy: values.policy as string | undefined,
      now,
      settings: policy,
      collection: collectionInfo(graph),
      warnings,
    },
    checks,
  );
  const text = format === 'json' ? renderCheckJson(report) : renderCheckText(report);
  emit(io, values.out, text, `the check report (${report.failed} of ${checks.length} checks failed)`);
  return report.failed > 0 ? EXIT.CHECK_FAILED : EXIT.OK;
}

function diff(argv: string[], io: CommandIO): number {
  const { values, positionals } = parse('diff', argv);
  if (values.help) return help(io, 'diff');
  const format = choice('diff', 'format', values.format, ['md', 'json'] as const, 'md');
  if (positionals.length !== 2) {
    throw new UsageError(`diff: needs OLD_GRAPH_DIR and NEW_GRAPH_DIR, got ${positionals.length} folder(s)`);
  }
  const older = loadGraph(positionals[0]);
  const newer = loadGraph(positionals[1]);
  warnIncomplete(older, io);
  warnIncomplete(newer, io);
  const result = diffGraphs(older, newer);
  emit(io, values.out, format === 'json' ? renderDiffJson(result) : renderDiffMarkdown(result), 'the diff');
  return EXIT.OK;
}

function verifyAudit(argv: string[], io: CommandIO): number {
  const { values, positionals } = parse('verify-audit', argv);
  if (values.help) return help(io, 'verify-audit');
  if (positionals.length !== 1) {
    throw new UsageError(`verify-audit: needs one FILE (the audit log), got ${positionals.length}`);
  }
  const file = positionals[0];
  const result = verifyAuditLog(readInput(file, 'audit log'));
  if (!result.ok) {
    io.stdout(`${file}: chain broken at line ${result.line}: ${result.reason}\n`);
    return EXIT.CHECK_FAILED;
  }
  const older =
    result.unchained > 0 ? ` (the first ${result.unchained} were written before the chain and are not covered)` : '';
  io.stdout(`${file}: ${result.lines} ${result.lines === 1 ? 'entry' : 'entries'}, chain intact${older}\n`);
  return EXIT.OK;
}

function help(io: CommandIO, command: OfflineCommand): number {
  io.stdout(commandHelp(command));
  return EXIT.OK;
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'review':
        return review(rest, io);
      case 'check':
        return check(rest, io);
      case 'diff':
        return diff(rest, io);
      case 'verify-audit':
        return verifyAudit(rest, io);
    }
    const { ENFORCEMENT_COMMANDS, runEnforcementCommand } = await enforcement();
    if (command === undefined) {
      io.stderr(usage(ENFORCEMENT_COMMANDS));
      return EXIT.USAGE;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = rest[0];
      if (topic && (OFFLINE_COMMANDS as readonly string[]).includes(topic)) return help(io, topic as 'review');
      if (topic && ENFORCEMENT_COMMANDS.includes(topic)) return await runEnforcementCommand(topic, ['--help'], io);
      io.stdout(usage(ENFORCEMENT_COMMANDS));
      return EXIT.OK;
    }
    if (ENFORCEMENT_COMMANDS.includes(command)) return await runEnforcementCommand(command, rest, io);
    throw new UsageError(`unknown command "${command}"\n\n${usage(ENFORCEMENT_COMMANDS)}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(
        `graph-cloudflare ${err.message.trimEnd()}\n${err.message.includes('Usage:') ? '' : `Run \`graph-cloudflare ${command} --help\` for usage.\n`}`,
      );
      return EXIT.USAGE;
    }
    if (err instanceof InputError) {
      io.stderr(`${err.message}\n`);
      return EXIT.USAGE;
    }
    io.stderr(`graph-cloudflare ${command}: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.USAGE;
  }
}

/** The bin's entry: real process streams, exit code set once output is flushed. */
export function run(): void {
  void main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) run();
