/**
 * The audit log: one JSON line per action run with --apply (dry runs are not
 * logged), appended to a file that is created when absent. It never holds
 * the token: the request is recorded as method, path and body only.
 */
import fs from 'fs';
import type { PlannedRequest } from './plan';

export const DEFAULT_AUDIT_LOG = 'graph-cloudflare-audit.jsonl';

/**
 * - applied: Cloudflare confirmed the change;
 * - no-change: nothing needed changing, nothing was sent;
 * - refused: the command would not make the change (e.g. the last Super Administrator);
 * - failed: Cloudflare refused, or a read failed; nothing changed;
 * - unknown-then-verified: the write's answer was lost (timeout, reset, 5xx),
 *   not sent again, and the state read afterwards says whether it happened (`verified`);
 * - unknown: as above, but the state could not be read back.
 */
export type AuditResult = 'applied' | 'no-change' | 'refused' | 'failed' | 'unknown-then-verified' | 'unknown';

export interface AuditRecord {
  /** ISO 8601, UTC. */
  time: string;
  account: string;
  action: string;
  /** The member's email (lower-case) when known, else what the command was given. */
  target: string;
  /** The membership id, when the member was found. */
  memberId?: string;
  /** The role(s) the command named, resolved. */
  roles?: Array<{ id: string; name: string }>;
  /** A role change: the member's policies before and after, one line each. */
  policies?: { before: string[]; after: string[] };
  /** The write sent; null when none was (refused, no change needed, or a failed read). */
  request: { method: string; path: string; body?: unknown } | null;
  result: AuditResult;
  /** For unknown-then-verified: what reading the state showed. */
  verified?: 'changed' | 'unchanged';
  /** One line saying what happened. */
  message: string;
  error?: string;
}

export function auditRequest(request: PlannedRequest): NonNullable<AuditRecord['request']> {
  return request.body === undefined
    ? { method: request.method, path: request.path }
    : { method: request.method, path: request.path, body: request.body };
}

/** Fails before any change is made when the log cannot be written (a change must never go unlogged). */
export function checkAuditLogWritable(file: string): void {
  fs.closeSync(fs.openSync(file, 'a'));
}

export function appendAuditRecord(file: string, record: AuditRecord, scrub: (text: string) => string): void {
  fs.appendFileSync(file, `${scrub(JSON.stringify(record))}\n`, 'utf8');
}
