/** Command-line options of the enforcement commands, checked before anything is read or sent. */
import fs from 'fs';
import path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_AUDIT_LOG } from './audit';
import { isEmail, MAX_EMAIL_LENGTH, parseEmail } from './email';
import { Endpoints } from '../../src/client';
import { CLOUDFLARE_ID } from './plan';
import { WRITE_PERMISSIONS } from './session';
import { parseRoster, Roster } from '../check/roster';
import { InputError } from '../util/errors';
import { optionLines, OptionSpec, OptionTable, parserOptions } from '../util/options';

/** A wrong command line: exit 2 with the message and the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CommandName =
  'grant-role' | 'revoke-role' | 'invite-member' | 'remove-member' | 'revoke-sessions' | 'offboard';

const ACCOUNT: OptionSpec = {
  type: 'string',
  help: '--account ID        the Cloudflare account (32 hexadecimal characters); required',
};
const MEMBER: OptionSpec = {
  type: 'string',
  help: '--member M          the member: a membership id (32 hexadecimal characters) or an email address (any case)',
};
const ROLE: OptionSpec = { type: 'string', help: '--role R            a role id or its exact name (case included)' };
const DEVICES: OptionSpec = {
  type: 'boolean',
  help: '--devices           revoke their devices too, not only their sessions',
};
const REASON: OptionSpec = {
  type: 'string',
  help: '--reason TEXT       why (a ticket or request id); recorded in the audit log',
};
const JSON_OUTPUT: OptionSpec = { type: 'boolean', help: '--json              print one JSON object instead of text' };

/** A one-change command's options: --account, its own, then how it is run. */
function singleChange(own: OptionTable): OptionTable {
  return {
    account: ACCOUNT,
    ...own,
    apply: {
      type: 'boolean',
      help: '--apply             make the change (default: dry run, which only reads and prints the request)',
    },
    'audit-log': {
      type: 'string',
      help: `--audit-log FILE    where --apply appends its JSON line (default ./${DEFAULT_AUDIT_LOG})`,
    },
    reason: REASON,
    json: JSON_OUTPUT,
  };
}

/** Each command's options: what its parser accepts and all its --help lists (governance/util/options.ts). */
export const COMMANDS: Record<CommandName, { summary: string; usage: string; options: OptionTable }> = {
  'grant-role': {
    summary: "add a role to a member, keeping the member's other roles",
    usage: 'grant-role --account ID --member M --role R [--apply]',
    options: singleChange({ member: MEMBER, role: ROLE }),
  },
  'revoke-role': {
    summary: "take a role from a member, keeping the member's other roles",
    usage: 'revoke-role --account ID --member M --role R [--apply]',
    options: singleChange({ member: MEMBER, role: ROLE }),
  },
  'invite-member': {
    summary: 'invite an email address to the account with one or more roles',
    usage: 'invite-member --account ID --email E --role R [--role R2 ...] [--apply]',
    options: singleChange({
      email: {
        type: 'string',
        help: '--email E           the address to invite (only its domain is lower-cased)',
      },
      role: {
        type: 'string',
        multiple: true,
        help: '--role R            a role to give (repeatable, at least one): a role id or its exact name (case included)',
      },
    }),
  },
  'remove-member': {
    summary: 'remove a member (or cancel an invitation)',
    usage: 'remove-member --account ID --member M [--apply]',
    options: singleChange({ member: MEMBER }),
  },
  'revoke-sessions': {
    summary: "end a user's Zero Trust (Access) sessions; --devices revokes their devices too",
    usage: 'revoke-sessions --account ID --email E [--devices] [--apply]',
    options: singleChange({
      email: { type: 'string', help: '--email E           the Zero Trust user whose sessions end' },
      devices: DEVICES,
    }),
  },
  offboard: {
    summary:
      'take a person out of every account the token sees: membership, Zero Trust sessions (--devices: devices too) and seat',
    usage:
      'offboard (--email E [--email E2 ...] | --from-check REPORT.json | --roster FILE.csv) [--successor EMAIL] [--devices] [--apply]',
    options: {
      email: {
        type: 'string',
        multiple: true,
        help: '--email E           a person to offboard (repeatable), found by email in every account the token sees',
      },
      'from-check': {
        type: 'string',
        help: '--from-check FILE   everyone the "leavers" check of `graph-cloudflare check --format json` lists',
      },
      roster: {
        type: 'string',
        help: '--roster FILE.csv   everyone the roster marks terminated, and every member it does not list',
      },
      successor: {
        type: 'string',
        help:
          '--successor EMAIL   where the person is the last Super Administrator, make EMAIL (an accepted member)\n' +
          '                      Super Administrator first; without it such an account is refused (exit 1)',
      },
      devices: DEVICES,
      account: {
        type: 'string',
        help: '--account ID        only this account (default: every account the token sees)',
      },
      apply: {
        type: 'boolean',
        help: '--apply             make the changes (default: dry run, which only reads and prints the plan)',
      },
      'audit-log': {
        type: 'string',
        help: `--audit-log FILE    where --apply appends one JSON line per step (default ./${DEFAULT_AUDIT_LOG})`,
      },
      reason: REASON,
      json: JSON_OUTPUT,
    },
  },
};

/** What each command's token needs, by the dashboard's permission names. */
export const TOKEN_PERMISSIONS: Record<CommandName, string> = {
  'grant-role': '"Account Settings Read" and "Account Settings Write"',
  'revoke-role': '"Account Settings Read" and "Account Settings Write"',
  'invite-member': '"Account Settings Read" and "Account Settings Write"',
  'remove-member': '"Account Settings Read" and "Account Settings Write"',
  'revoke-sessions': `"${WRITE_PERMISSIONS.revokeUser}" (and any account read permission)`,
  offboard:
    `"Account Settings Read" and "Account Settings Write", "${Endpoints.accessUsers.permission}" (Zero Trust users), ` +
    `"${WRITE_PERMISSIONS.revokeUser}" and "${WRITE_PERMISSIONS.seats}"`,
};

export function usage(name: CommandName): string {
  const command = COMMANDS[name];
  return (
    `usage: graph-cloudflare ${command.usage}\n  ${command.summary}\n\n${optionLines(command.options)}\n\n` +
    "  Configuration comes from the integration's environment variables (API_TOKEN, API_BASE_URL, HTTPS_PROXY, ...).\n" +
    `  The token needs ${TOKEN_PERMISSIONS[name]}.\n`
  );
}

export interface ParsedArgs {
  account: string;
  apply: boolean;
  json: boolean;
  help: boolean;
  auditLog: string;
  reason?: string;
  member?: string;
  email?: string;
  roles: string[];
  devices: boolean;
  /** offboard: --email values, checked. */
  emails: string[];
  /** offboard: the leavers of a check report (lower-case emails) and the report's file. */
  fromCheck?: { file: string; emails: string[] };
  /** offboard: the roster read from --roster. */
  roster?: Roster;
  successor?: string;
}

function checkAccount(account: string): string {
  if (!CLOUDFLARE_ID.test(account)) {
    throw new UsageError(
      `--account "${account}" is not a Cloudflare account id: 32 lowercase hexadecimal characters ` +
        '(dashboard: Account Home > the account > Account ID)',
    );
  }
  return account;
}

function requireValue(values: Record<string, unknown>, option: string, what: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`missing --${option} ${what}`);
  return value.trim();
}

/** The address with its domain lower-cased (the part before the @ is kept as typed: it may be case-sensitive). */
function checkEmail(value: string, option = 'email'): string {
  const parsed = parseEmail(value);
  if (!parsed.ok) throw new UsageError(`--${option} "${value}" is not an email address: ${parsed.reason}`);
  if ([...parsed.email].length > MAX_EMAIL_LENGTH) {
    throw new UsageError(`--email "${value}" is longer than Cloudflare's ${MAX_EMAIL_LENGTH} characters`);
  }
  return parsed.email;
}

export function parseCommandArgs(name: CommandName, argv: string[], cwd: string): ParsedArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: parserOptions(COMMANDS[name].options),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const help = values.help === true;
  const parsed: ParsedArgs = {
    account: '',
    apply: values.apply === true,
    json: values.json === true,
    help,
    auditLog: path.resolve(cwd, typeof values['audit-log'] === 'string' ? values['audit-log'] : DEFAULT_AUDIT_LOG),
    roles: [],
    emails: [],
    devices: values.devices === true,
    ...(typeof values.reason === 'string' && values.reason.trim() !== '' ? { reason: values.reason.trim() } : {}),
  };
  if (help) return parsed;
  if (name === 'offboard') return parseOffboard(values, parsed, cwd);

  parsed.account = checkAccount(requireValue(values, 'account', 'ID (the Cloudflare account id)'));
  if ('member' in COMMANDS[name].options) {
    const member = requireValue(values, 'member', 'M (a membership id or an email address)');
    if (!CLOUDFLARE_ID.test(member) && !isEmail(member)) {
      throw new UsageError(
        `--member "${member}" is neither a membership id (32 lowercase hexadecimal characters) nor an email address`,
      );
    }
    parsed.member = member;
  }
  if ('email' in COMMANDS[name].options)
    parsed.email = checkEmail(requireValue(values, 'email', 'E (an email address)'));
  if (name === 'invite-member') {
    const roles = ((values.role as string[] | undefined) ?? []).map((r) => r.trim()).filter((r) => r !== '');
    if (roles.length === 0) throw new UsageError('missing --role R: an invitation needs at least one role');
    parsed.roles = roles;
  } else if ('role' in COMMANDS[name].options) {
    parsed.roles = [requireValue(values, 'role', 'R (a role id or its exact name)')];
  }
  return parsed;
}

function readFile(file: string, option: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--${option} ${file}: cannot read it (${(err as Error).message})`);
  }
}

/** The emails the "leavers" check of a `check --format json` report names. */
export function leaversFromCheck(text: string, file: string): string[] {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--from-check ${file}: not JSON (${(err as Error).message})`);
  }
  const checks = (report as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) {
    throw new UsageError(
      `--from-check ${file}: not a check report (no "checks" list); write one with graph-cloudflare check --format json --out FILE`,
    );
  }
  const leavers = checks.find((c) => c && (c as { id?: unknown }).id === 'leavers') as
    { offenders?: Array<{ email?: unknown }> } | undefined;
  if (!leavers) throw new UsageError(`--from-check ${file}: the report has no "leavers" check`);
  const emails = (leavers.offenders ?? [])
    .map((o) => (typeof o?.email === 'string' ? o.email.trim().toLowerCase() : ''))
    .filter((e) => e !== '');
  return [...new Set(emails)];
}

function parseOffboard(values: Record<string, unknown>, parsed: ParsedArgs, cwd: string): ParsedArgs {
  parsed.emails = [...new Set(((values.email as string[] | undefined) ?? []).map((e) => checkEmail(e.trim())))];
  if (typeof values['from-check'] === 'string') {
    const file = path.resolve(cwd, values['from-check']);
    parsed.fromCheck = { file, emails: leaversFromCheck(readFile(file, 'from-check'), values['from-check']) };
  }
  if (typeof values.roster === 'string') {
    const file = path.resolve(cwd, values.roster);
    try {
      parsed.roster = parseRoster(readFile(file, 'roster'), values.roster);
    } catch (err) {
      if (err instanceof InputError) throw new UsageError(`--roster: ${err.message}`);
      throw err;
    }
  }
  if (parsed.emails.length === 0 && !parsed.fromCheck && !parsed.roster) {
    throw new UsageError('say whom to offboard: --email E, --from-check REPORT.json or --roster FILE.csv');
  }
  if (typeof values.successor === 'string') parsed.successor = checkEmail(values.successor.trim(), 'successor');
  if (typeof values.account === 'string') parsed.account = checkAccount(values.account.trim());
  return parsed;
}
