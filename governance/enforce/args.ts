/** Command-line options of the enforcement commands, checked before anything is read or sent. */
import path from 'path';
import { parseArgs } from 'util';
import { DEFAULT_AUDIT_LOG } from './audit';
import { CLOUDFLARE_ID, isEmail } from './plan';

/** A wrong command line: exit 2 with the message and the command's usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CommandName = 'grant-role' | 'revoke-role' | 'invite-member' | 'remove-member' | 'revoke-sessions';

interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
}

const COMMON: Record<string, OptionSpec> = {
  account: { type: 'string' },
  apply: { type: 'boolean' },
  'audit-log': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
};

const COMMON_USAGE =
  '  --account ID        the Cloudflare account (32 hexadecimal characters); required\n' +
  '  --apply             make the change (default: dry run, which only reads and prints the request)\n' +
  `  --audit-log FILE    where --apply appends its JSON line (default ./${DEFAULT_AUDIT_LOG})\n` +
  '  --json              print one JSON object instead of text\n';

export const COMMANDS: Record<CommandName, { summary: string; usage: string; options: Record<string, OptionSpec> }> = {
  'grant-role': {
    summary: "add a role to a member, keeping the member's other roles",
    usage: 'grant-role --account ID --member M --role R [--apply]',
    options: { member: { type: 'string' }, role: { type: 'string' } },
  },
  'revoke-role': {
    summary: "take a role from a member, keeping the member's other roles",
    usage: 'revoke-role --account ID --member M --role R [--apply]',
    options: { member: { type: 'string' }, role: { type: 'string' } },
  },
  'invite-member': {
    summary: 'invite an email address to the account with one or more roles',
    usage: 'invite-member --account ID --email E --role R [--role R2 ...] [--apply]',
    options: { email: { type: 'string' }, role: { type: 'string', multiple: true } },
  },
  'remove-member': {
    summary: 'remove a member (or cancel an invitation)',
    usage: 'remove-member --account ID --member M [--apply]',
    options: { member: { type: 'string' } },
  },
  'revoke-sessions': {
    summary: "end a user's Zero Trust (Access) sessions; --devices revokes their devices too",
    usage: 'revoke-sessions --account ID --email E [--devices] [--apply]',
    options: { email: { type: 'string' }, devices: { type: 'boolean' } },
  },
};

/** What each command's token needs, by the dashboard's permission names. */
export const TOKEN_PERMISSIONS: Record<CommandName, string> = {
  'grant-role': '"Account Settings Read" and "Account Settings Write"',
  'revoke-role': '"Account Settings Read" and "Account Settings Write"',
  'invite-member': '"Account Settings Read" and "Account Settings Write"',
  'remove-member': '"Account Settings Read" and "Account Settings Write"',
  'revoke-sessions': '"Access: Organizations, Identity Providers, and Groups Write" (and any account read permission)',
};

export function usage(name: CommandName): string {
  const command = COMMANDS[name];
  return (
    `usage: graph-cloudflare ${command.usage}\n  ${command.summary}\n\n` +
    '  M is a membership id or an email address; R is a role id or its exact name.\n' +
    COMMON_USAGE +
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
  member?: string;
  email?: string;
  roles: string[];
  devices: boolean;
}

function requireValue(values: Record<string, unknown>, option: string, what: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`missing --${option} ${what}`);
  return value.trim();
}

function checkEmail(value: string): string {
  if (!isEmail(value) || value.length > 90) {
    throw new UsageError(`--email "${value}" is not an email address (name@domain, at most 90 characters)`);
  }
  return value;
}

export function parseCommandArgs(name: CommandName, argv: string[], cwd: string): ParsedArgs {
  const options = { ...COMMON, ...COMMANDS[name].options };
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
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
    devices: values.devices === true,
  };
  if (help) return parsed;

  parsed.account = requireValue(values, 'account', 'ID (the Cloudflare account id)');
  if (!CLOUDFLARE_ID.test(parsed.account)) {
    throw new UsageError(
      `--account "${parsed.account}" is not a Cloudflare account id: 32 lowercase hexadecimal characters ` +
        '(dashboard: Account Home > the account > Account ID)',
    );
  }
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
