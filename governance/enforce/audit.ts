/**
 * The audit log: one JSON line per action run with --apply (dry runs are not
 * logged), appended to a file created (mode 0600) when absent. It never holds
 * the token: the request is recorded as method, path and body only.
 *
 * Each line carries `prev`, the SHA-256 of the line before it (null on the
 * first), so an edited, removed or inserted line breaks the chain:
 * verifyAuditLog finds the first line that does not follow.
 */
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { PlannedRequest } from './plan';

export const DEFAULT_AUDIT_LOG = 'graph-cloudflare-audit.jsonl';

/**
 * - applied: Cloudflare confirmed the change;
 * - no-change: nothing needed changing, nothing was sent;
 * - refused: the command would not make the change (e.g. the last Super Administrator);
 * - failed: Cloudflare refused, or a read failed; nothing changed;
 * - unknown-then-verified: the write's answer was lost (timeout, reset, 5xx),
 *   not sent again, and the state read afterwards says whether it happened (`verified`);
 * - unknown: as above, but the state could not be read back;
 * - not-run: an earlier step of the same plan failed, so this one was not sent.
 */
export type AuditResult =
  'applied' | 'no-change' | 'refused' | 'failed' | 'unknown-then-verified' | 'unknown' | 'not-run';

/** Who ran the command, with what, against which API, and why: the same on every line of a run. */
export interface AuditContext {
  actor: { user: string; host: string };
  /** --reason (a ticket, a request id). */
  reason?: string;
  /** This tool's version (package.json). */
  toolVersion: string;
  /** Absent when the configuration could not be read. */
  apiBaseUrl?: string;
}

export interface AuditRecord extends AuditContext {
  /** ISO 8601, UTC. */
  time: string;
  account: string;
  action: string;
  /** offboard: which step of the plan (grant-successor, remove-member, revoke-sessions, free-seat). */
  step?: string;
  /** The member's email (lower-case) when known, else what the command was given. */
  target: string;
  /** The membership id, when the member was found. */
  memberId?: string;
  /** The role(s) the command named, resolved. */
  roles?: Array<{ id: string; name: string }>;
  /** A role change: the member's policies before and after, one line each. */
  policies?: { before: string[]; after: string[] };
  /** What the change acts on, as read just before it (roles, policies, Zero Trust seat). */
  before?: unknown;
  /** The write sent; null when none was (refused, no change needed, or a failed read). */
  request: { method: string; path: string; body?: unknown } | null;
  result: AuditResult;
  /** For unknown-then-verified: what reading the state showed. */
  verified?: 'changed' | 'unchanged';
  /** One line saying what happened. */
  message: string;
  error?: string;
  /** SHA-256 (hex) of the previous line as written; null on the first line. */
  prev: string | null;
}

/** Fields the caller gives; the log adds the context and the chain. */
export type AuditEntry = Omit<AuditRecord, keyof AuditContext | 'prev'>;

let cachedVersion: string | undefined;

/** The version in this package's package.json, found upwards from here (source and compiled layouts differ). */
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version;
      cachedVersion = typeof version === 'string' ? version : 'unknown';
      return cachedVersion;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cachedVersion = 'unknown');
    dir = parent;
  }
}

/** The OS user and host running the command (os.userInfo throws for a uid without a passwd entry). */
export function currentActor(env: Record<string, string | undefined>): AuditContext['actor'] {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    user = env.USER ?? env.LOGNAME ?? env.USERNAME;
  }
  return { user: user || 'unknown', host: os.hostname() || 'unknown' };
}

export function auditRequest(request: PlannedRequest): NonNullable<AuditRecord['request']> {
  return request.body === undefined
    ? { method: request.method, path: request.path }
    : { method: request.method, path: request.path, body: request.body };
}

/** Fails before any change is made when the log cannot be written (a change must never go unlogged). */
export function checkAuditLogWritable(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
}

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

function lastLine(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i] !== '') return lines[i];
  return undefined;
}

/**
 * Appends one line chained to the last one. The file is created with mode
 * 0600 (the log names people and accounts); an existing file keeps its mode.
 */
export function appendAuditRecord(
  file: string,
  context: AuditContext,
  entry: AuditEntry,
  scrub: (text: string) => string,
): AuditRecord {
  const previous = lastLine(file);
  const { time, ...rest } = entry;
  const record: AuditRecord = {
    time,
    ...context,
    ...rest,
    prev: previous === undefined ? null : lineHash(previous),
  };
  if (record.reason === undefined) delete record.reason;
  if (record.apiBaseUrl === undefined) delete record.apiBaseUrl;
  fs.appendFileSync(file, `${scrub(JSON.stringify(record))}\n`, { encoding: 'utf8', mode: 0o600 });
  return record;
}

export type AuditVerification =
  { ok: true; lines: number; unchained: number } | { ok: false; line: number; reason: string };

/**
 * Checks the chain: every line is JSON and its `prev` is the hash of the
 * line before (null on the first). Lines written before the chain existed
 * (no `prev` at all) are allowed only at the start, and counted. A broken
 * link is explained by the line its `prev` does name, if any: a later line
 * (reordered), an earlier one (lines between were inserted), or none (the
 * line before was edited, or lines after it removed). Removing or editing
 * the last line cannot be seen from the file alone.
 */
export function verifyAuditLog(text: string): AuditVerification {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const lineOf = new Map<string, number>();
  lines.forEach((line, i) => {
    const hash = lineHash(line);
    if (!lineOf.has(hash)) lineOf.set(hash, i + 1);
  });
  let unchained = 0;
  let previous: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    if (lines[i].trim() === '') return { ok: false, line: n, reason: 'an empty line' };
    let record: { prev?: unknown };
    try {
      record = JSON.parse(lines[i]);
    } catch {
      return { ok: false, line: n, reason: 'not a JSON line' };
    }
    if (!record || typeof record !== 'object' || !('prev' in record)) {
      if (unchained === i) {
        unchained++;
        previous = lines[i];
        continue;
      }
      return { ok: false, line: n, reason: 'no prev field after chained lines (a line was inserted or edited)' };
    }
    const expected = previous === undefined ? null : lineHash(previous);
    if (record.prev !== expected) return { ok: false, line: n, reason: brokenLink(n, record.prev, lineOf) };
    previous = lines[i];
  }
  return { ok: true, lines: lines.length, unchained };
}

/** Why line n's prev does not name the line before it, judged by the line it does name. */
function brokenLink(n: number, prev: unknown, lineOf: Map<string, number>): string {
  const named = typeof prev === 'string' ? lineOf.get(prev) : undefined;
  if (named !== undefined && named > n) {
    return `out of order: this line was written right after line ${named}, which stands below it (lines were reordered)`;
  }
  if (named !== undefined && named < n - 1) {
    const between = named + 1 === n - 1 ? `line ${n - 1}` : `lines ${named + 1}-${n - 1}`;
    return `this line was written right after line ${named}, so ${between} came in between (inserted, moved or copied)`;
  }
  if (n === 1) return 'the first line names a previous line (lines before it were removed)';
  if (prev === null) return 'this line says it is the first, but lines stand before it (they were inserted)';
  return `prev does not match the line before it (line ${n - 1} was edited, or lines written after it were removed)`;
}
