import { domainToASCII } from 'url';

/**
 * The address format JupiterOne's data model checks `email` against (the
 * "email" format of its JSON schemas): ASCII only, so an internationalised
 * domain must be in its ASCII (punycode) form and a non-ASCII local part
 * cannot be expressed at all.
 */
const DATA_MODEL_EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** `bücher.example` → `xn--bcher-kva.example`; a domain node cannot convert is kept as it is. */
function asciiDomain(domain: string): string {
  return domainToASCII(domain) || domain;
}

/**
 * The form every address is matched on (members, Zero Trust users, device
 * owners): trimmed, lower-cased, domain in ASCII form, local part unchanged.
 * `Anna@Bücher.example` and `anna@xn--bcher-kva.example` give the same key.
 */
export function normalizeEmail(email: string | null | undefined): string | undefined {
  const trimmed = email?.trim().toLowerCase();
  if (!trimmed) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return trimmed;
  return `${trimmed.slice(0, at)}@${asciiDomain(trimmed.slice(at + 1))}`;
}

/** What was unusual about an address, for the step's informational note. */
export type EmailOddity = 'ascii-domain' | 'non-ascii-local-part' | 'not-an-address';

export interface UserEmailProperties {
  /** Valid for the data model, or absent when no valid form keeps the address truthfully. */
  email?: string;
  /** The address as collected (lower-cased), always present when there is one. */
  username?: string;
  /** Present only when `email` differs from the collected address or is absent. */
  emailOriginal?: string;
  oddity?: EmailOddity;
}

/**
 * Email properties of a User entity. The entity is never dropped for the
 * shape of its address: an internationalised domain goes to its ASCII form in
 * `email`; a non-ASCII local part (which has no ASCII form) leaves `email` out;
 * the address as collected stays in `username` and `emailOriginal`.
 */
export function userEmailProperties(raw: string | null | undefined): UserEmailProperties {
  const collected = raw?.trim().toLowerCase();
  if (!collected) return {};
  const key = normalizeEmail(collected) as string;
  if (DATA_MODEL_EMAIL.test(key)) {
    return key === collected
      ? { email: key, username: collected }
      : { email: key, username: collected, emailOriginal: collected, oddity: 'ascii-domain' };
  }
  const local = key.slice(0, Math.max(0, key.lastIndexOf('@')));
  const oddity: EmailOddity = key.includes('@') && /[^ -~]/.test(local) ? 'non-ascii-local-part' : 'not-an-address';
  return { username: collected, emailOriginal: collected, oddity };
}

/** One sentence per kind of oddity, for a step's closing note. */
export function describeEmailOddities(oddities: Map<EmailOddity, string[]>, what: string): string[] {
  const sample = (ids: string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
  const lines: string[] = [];
  const ascii = oddities.get('ascii-domain');
  if (ascii?.length)
    lines.push(
      `${ascii.length} ${what} have an internationalised email domain (${sample(ascii)}): email holds the ` +
        'domain in its ASCII (punycode) form, emailOriginal the address as Cloudflare gave it.',
    );
  const local = oddities.get('non-ascii-local-part');
  if (local?.length)
    lines.push(
      `${local.length} ${what} have an email address whose part before the @ is not ASCII (${sample(local)}), ` +
        "which JupiterOne's email format does not accept: email is left out and the address is kept in " +
        'username and emailOriginal.',
    );
  const other = oddities.get('not-an-address');
  if (other?.length)
    lines.push(
      `${other.length} ${what} have an email that is not a valid address (${sample(other)}): email is left out ` +
        'and the value is kept in username and emailOriginal.',
    );
  return lines;
}
