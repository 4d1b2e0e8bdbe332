/**
 * Polly recordings for step tests, made against the local Cloudflare
 * simulator (simulator) and replayed from `__recordings__`.
 *
 * - Requests are matched by method, path and query only: the simulator binds
 *   a random port, so protocol, host and port never take part.
 * - `recordIfMissing` is off when CI=true, so CI fails loudly on a missing
 *   recording instead of quietly recording a new one.
 * - Every entry is scrubbed and then checked before it is written: a
 *   recording that still holds anything token-like fails the test.
 */
import { Recording, RecordingEntry, setupRecording } from '@jupiterone/integration-sdk-testing';
import { SIM_TOKENS } from '../simulator';
import { REDACTED } from '../src/client/tokenScrubber';

export type { Recording } from '@jupiterone/integration-sdk-testing';

export interface CloudflareRecordingInput {
  directory: string;
  name: string;
  /** Keep 4xx/5xx answers (Polly refuses to persist them by default). */
  recordFailedRequests?: boolean;
}

export { REDACTED };

/** Headers that may carry a credential in either direction. */
const SECRET_HEADERS = new Set(['authorization', 'x-auth-key', 'x-auth-email', 'cookie', 'set-cookie']);

/** A bearer credential, a simulator token, or a 37-hex Global API Key. */
const TOKEN_LIKE: RegExp[] = [
  /Bearer\s+(?!\[REDACTED\])\S+/i,
  /\b[0-9a-f]{37}\b/i,
  ...Object.values(SIM_TOKENS).map((token) => new RegExp(escapeRegExp(token))),
  /_NOT_REAL/,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The simulator's random port would otherwise change every recording. */
function stableUrl(url: string): string {
  return url.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'http://127.0.0.1');
}

interface HarHeader {
  name: string;
  value: string;
}

function scrubHeaders(headers: HarHeader[] | undefined): HarHeader[] {
  return (headers ?? []).map((header) => {
    const name = header.name.toLowerCase();
    if (SECRET_HEADERS.has(name)) return { ...header, value: REDACTED };
    if (name === 'host') return { ...header, value: '127.0.0.1' };
    return header;
  });
}

/** Finds token-like text anywhere in a HAR entry; returns a description, never the secret. */
export function findTokenLike(entry: unknown): string | undefined {
  const text = JSON.stringify(entry);
  for (const pattern of TOKEN_LIKE) {
    if (pattern.test(text)) return `matches ${pattern.source.slice(0, 24)}…`;
  }
  return undefined;
}

export function scrubRecordingEntry(entry: RecordingEntry): void {
  entry.request.url = stableUrl(entry.request.url);
  entry.request.headers = scrubHeaders(entry.request.headers);
  entry.response.headers = scrubHeaders(entry.response.headers);
  entry.request.cookies = [];
  entry.response.cookies = [];
  const problem = findTokenLike(entry);
  if (problem) {
    // Thrown from Polly's persister: recording.stop() rejects and nothing is written.
    throw new Error(`Refusing to persist a recording entry for ${entry.request.url}: token-like content (${problem})`);
  }
}

export function setupCloudflareRecording({
  directory,
  name,
  recordFailedRequests = false,
}: CloudflareRecordingInput): Recording {
  return setupRecording({
    directory,
    name,
    redactedRequestHeaders: ['x-auth-key', 'x-auth-email', 'cookie'],
    mutateEntry: scrubRecordingEntry,
    options: {
      recordIfMissing: process.env.CI !== 'true',
      recordFailedRequests,
      matchRequestsBy: {
        url: { port: false, hostname: false, protocol: false },
        headers: false,
        body: false,
      },
    },
  });
}

/**
 * For a test file whose tests record: returns a function that starts a
 * recording, and registers the afterEach that stops it (so no test can leave
 * Polly running into the next).
 */
export function useRecordings(): (input: CloudflareRecordingInput) => Recording {
  let recording: Recording | undefined;
  afterEach(async () => {
    await recording?.stop();
    recording = undefined;
  });
  return (input) => (recording = setupCloudflareRecording(input));
}
