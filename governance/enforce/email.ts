/**
 * Email addresses as the enforcement commands take them: checked before
 * anything is sent, and normalised only where the address is
 * case-insensitive (the domain). The local part is the mailbox owner's
 * business (RFC 5321, section 2.4), so it is kept exactly as typed.
 */
import { domainToASCII } from 'url';

/** Cloudflare's limit on an invited address (POST /accounts/{id}/members). */
export const MAX_EMAIL_LENGTH = 90;

/** RFC 5322 dot-atom characters, plus any non-ASCII letter (RFC 6531 internationalised local parts). */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type ParsedEmail = { ok: true; email: string } | { ok: false; reason: string };

/**
 * Checks `value` is one address (name@domain). An internationalised domain
 * (münchen.de) is accepted as typed; it is checked in its ASCII form
 * (xn--mnchen-3ya.de). Returns the address with its domain lower-cased.
 */
export function parseEmail(value: string): ParsedEmail {
  const at = value.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'it has no @ (expected name@domain)' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === '') return { ok: false, reason: 'nothing before the @' };
  if (local.includes('@')) return { ok: false, reason: 'it has more than one @' };
  if (local.length > 64) return { ok: false, reason: 'the part before the @ is longer than 64 characters' };
  if (!LOCAL_PART.test(local)) {
    return {
      ok: false,
      reason: `"${local}" before the @ has a space, a character addresses cannot hold, or a dot at its start, its end or twice in a row`,
    };
  }
  if (domain === '') return { ok: false, reason: 'nothing after the @' };
  const lowerDomain = domain.toLowerCase();
  const ascii = domainToASCII(lowerDomain);
  const labels = ascii.split('.');
  if (
    ascii === '' ||
    labels.length < 2 ||
    !labels.every((l) => DNS_LABEL.test(l)) ||
    /^\d+$/.test(labels[labels.length - 1])
  ) {
    return {
      ok: false,
      reason: `"${domain}" after the @ is not a domain name (labels of letters, digits and hyphens separated by dots, such as example.com)`,
    };
  }
  return { ok: true, email: `${local}@${lowerDomain}` };
}

export function isEmail(value: string): boolean {
  return parseEmail(value).ok;
}

/** Two addresses are the same mailbox for matching purposes when they differ only in case. */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Up to `limit` of `candidates` a few typos from `wanted` (case ignored), nearest first. */
export function closestEmails(candidates: Iterable<string>, wanted: string, limit = 3): string[] {
  const target = wanted.toLowerCase();
  // A quarter of the address may be wrong: a swapped letter or a wrong domain part, not another person.
  const maxDistance = Math.max(2, Math.floor(target.length / 4));
  return [...new Set([...candidates].map((c) => c.toLowerCase()))]
    .map((email) => ({ email, distance: editDistance(email, target) }))
    .filter((c) => c.distance <= maxDistance)
    .sort((x, y) => x.distance - y.distance || x.email.localeCompare(y.email))
    .slice(0, limit)
    .map((c) => c.email);
}
