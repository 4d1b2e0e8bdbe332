/**
 * Enforcement commands of the graph-cloudflare CLI (governance/cli.ts hands
 * them over): grant-role, revoke-role, invite-member, remove-member,
 * revoke-sessions and offboard, against the live Cloudflare API. Dry run by
 * default.
 *
 * Exit codes: 0 done, nothing needed, or dry run; 1 refused, failed, or the
 * outcome is not known to be applied; 2 a wrong command line or configuration.
 */
import { tokenScrubber, TransportOptions } from '../../src/client';
import { COMMANDS, CommandName, parseCommandArgs, ParsedArgs, TOKEN_PERMISSIONS, usage, UsageError } from './args';
import { AuditContext, checkAuditLogWritable, currentActor, toolVersion } from './audit';
import { CommandReport, logAudit, runCommand, RunContext } from './commands';
import { TargetError } from './plan';
import { runOffboard } from './offboard';
import { CloudflareSession, describeReadFailure, settingsFromEnv } from './session';

export const ENFORCEMENT_COMMANDS: readonly string[] = Object.keys(COMMANDS);

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Where a relative --audit-log is resolved (default: the process's working directory). */
  cwd?: string;
  /** The audit log's clock (tests). */
  now?: () => Date;
  /** Retry timings of the transport (tests). */
  transportOptions?: TransportOptions;
}

/** Shorter tokens are left alone: replacing a few common characters would garble every line. */
const MIN_SCRUBBED_LENGTH = 8;

function scrubberFor(env: Record<string, string | undefined>): (text: string) => string {
  const token = env.API_TOKEN?.trim();
  return tokenScrubber(token && token.length >= MIN_SCRUBBED_LENGTH ? token : undefined);
}

function exitCode(report: CommandReport): number {
  switch (report.result) {
    case 'dry-run':
    case 'applied':
    case 'no-change':
      return 0;
    case 'unknown-then-verified':
      return report.verified === 'changed' ? 0 : 1;
    default:
      return 1;
  }
}

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

export async function runEnforcementCommand(name: string, argv: string[], io: CommandIO): Promise<number> {
  const scrub = scrubberFor(io.env);
  const out = { stdout: (t: string) => io.stdout(scrub(t)), stderr: (t: string) => io.stderr(scrub(t)) };
  if (!isCommand(name)) {
    out.stderr(`graph-cloudflare: unknown command ${name}; enforcement commands: ${ENFORCEMENT_COMMANDS.join(', ')}\n`);
    return 2;
  }

  let args: ParsedArgs;
  try {
    args = parseCommandArgs(name, argv, io.cwd ?? process.cwd());
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    out.stderr(`graph-cloudflare ${name}: ${err.message}\n\n${usage(name)}`);
    return 2;
  }
  if (args.help) {
    out.stdout(usage(name));
    return 0;
  }
  if (args.apply) {
    try {
      checkAuditLogWritable(args.auditLog);
    } catch (err) {
      out.stderr(
        `graph-cloudflare ${name}: cannot write the audit log ${args.auditLog} (${(err as Error).message}); ` +
          'nothing was read or changed (choose another file with --audit-log)\n',
      );
      return 1;
    }
  }

  const audit: AuditContext = {
    actor: currentActor(io.env),
    ...(args.reason ? { reason: args.reason } : {}),
    toolVersion: toolVersion(),
  };
  const ctx: Omit<RunContext, 'session'> = { name, args, out, now: io.now ?? (() => new Date()), scrub, audit };
  const fail = (message: string, code: number): number => {
    const report: CommandReport = {
      command: name,
      account: args.account,
      dryRun: !args.apply,
      result: 'failed',
      target: (args.member ?? args.email ?? '').toLowerCase(),
      summary: '',
      message: `failed: nothing was changed: ${message}`,
      request: null,
      error: message,
    };
    out.stderr(`graph-cloudflare ${name}: ${message}\n`);
    if (args.apply) logAudit({ ...ctx, session: undefined as never }, report, undefined);
    if (args.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return code;
  };

  let session: CloudflareSession;
  try {
    session = new CloudflareSession(settingsFromEnv(io.env), out.stderr, io.transportOptions);
    audit.apiBaseUrl = session.settings.apiBaseUrl;
  } catch (err) {
    const message = (err as Error).message;
    // parseConfig names what the integration reads with; these commands also write.
    const needs = /\bAPI_TOKEN\b/.test(message) ? ` For ${name} the token needs ${TOKEN_PERMISSIONS[name]}.` : '';
    return fail(`${message}${needs}`, 2);
  }

  if (name === 'offboard') {
    try {
      const { code, report } = await runOffboard({ ...ctx, session });
      if (args.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return code;
    } catch (err) {
      return fail(describeReadFailure(err), 1);
    }
  }

  let report: CommandReport;
  try {
    report = await runCommand({ ...ctx, session });
  } catch (err) {
    const message = err instanceof TargetError ? err.message : describeReadFailure(err, args.account);
    return fail(message, 1);
  }
  if (args.json) out.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return exitCode(report);
}
