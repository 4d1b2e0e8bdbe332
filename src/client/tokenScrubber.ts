/** What stands in for the API token wherever text leaves the program. */
export const REDACTED = '[REDACTED]';

/**
 * The one token scrubber: a function that replaces every occurrence of
 * `token` in a text with [REDACTED] (the text itself when there is no token).
 * The transport scrubs bodies, errors and log lines with it; the enforcement
 * commands their output and audit log.
 */
export function tokenScrubber(token: string | undefined): (text: string) => string {
  if (!token) return (text) => text;
  // Checked first: copying every response body would double its garbage.
  return (text) => (text.includes(token) ? text.split(token).join(REDACTED) : text);
}
