/**
 * Optional fault injection. Each decision is a pure function of
 * (seed, method + url, attempt number for that url), so outcomes do not depend
 * on how concurrent requests for different URLs interleave.
 */
import { hash128 } from './data/random';
import { fail, SimResponse } from './envelope';

export type FaultKind = '500' | '502html' | 'reset' | 'slow' | '429';
export const ALL_FAULT_KINDS: readonly FaultKind[] = ['500', '502html', 'reset', 'slow', '429'];

export interface FaultProfile {
  seed: number;
  /** 0..1: probability that a request gets a fault. */
  rate: number;
  /** Defaults to all kinds. */
  kinds?: FaultKind[];
  /** Delay for 'slow' (default 5000 ms); the client is expected to time out first. */
  slowMs?: number;
  /** Retry-After for '429' and the length of the 429 burst that follows (default 1). */
  retryAfterSeconds?: number;
  /** The same URL never faults more than this many times in a row (default 2), so retries succeed. */
  maxConsecutivePerRequest?: number;
  /** Always fail matching URLs (path + query as sent), e.g. for "a step fails after retries". */
  failPaths?: Array<{ pattern: RegExp; status: number }>;
}

export type Fault =
  | { kind: '500' }
  | { kind: '502html' }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number }
  | { kind: '429'; retryAfterSeconds: number }
  | { kind: 'failPath'; status: number };

export const BAD_GATEWAY_HTML =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';

const THROTTLE_MESSAGE = 'Please wait and consider throttling your request speed';

/** Pure: does attempt `attempt` (0-based) of `key` roll a fault, and which kind? */
export function rollFault(profile: FaultProfile, key: string, attempt: number): FaultKind | undefined {
  const [a, b] = hash128(`${profile.seed}|${key}|${attempt}`);
  if (a / 4294967296 >= profile.rate) return undefined;
  const kinds = profile.kinds && profile.kinds.length > 0 ? profile.kinds : ALL_FAULT_KINDS;
  return kinds[b % kinds.length];
}

export class FaultInjector {
  private readonly perKey = new Map<string, { attempts: number; consecutive: number }>();
  private burstUntil = 0;

  constructor(private readonly profile: FaultProfile) {
    if (!(profile.rate >= 0 && profile.rate <= 1)) throw new Error('fault rate must be within 0..1');
  }

  /**
   * Decide for one arriving request. Requests answered by an ongoing 429 burst
   * do not consume an attempt, so a URL's own sequence stays reproducible.
   */
  decide(method: string, url: string, nowMs: number): Fault | undefined {
    const failPath = this.profile.failPaths?.find((f) => f.pattern.test(url));
    if (failPath) return { kind: 'failPath', status: failPath.status };
    if (nowMs < this.burstUntil) return { kind: '429', retryAfterSeconds: Math.ceil((this.burstUntil - nowMs) / 1000) };

    const key = `${method} ${url}`;
    const state = this.perKey.get(key) ?? { attempts: 0, consecutive: 0 };
    this.perKey.set(key, state);
    const attempt = state.attempts++;
    const maxConsecutive = this.profile.maxConsecutivePerRequest ?? 2;
    const kind = state.consecutive < maxConsecutive ? rollFault(this.profile, key, attempt) : undefined;
    state.consecutive = kind ? state.consecutive + 1 : 0;
    if (!kind) return undefined;
    if (kind === 'slow') return { kind, delayMs: this.profile.slowMs ?? 5000 };
    if (kind === '429') {
      const seconds = this.profile.retryAfterSeconds ?? 1;
      this.burstUntil = nowMs + seconds * 1000;
      return { kind, retryAfterSeconds: seconds };
    }
    return { kind };
  }
}

export function throttledResponse(retryAfterSeconds: number, message = THROTTLE_MESSAGE): SimResponse {
  return fail(429, [{ code: 971, message }], { 'retry-after': String(retryAfterSeconds) });
}

export function internalErrorResponse(status = 500): SimResponse {
  return fail(status, [{ code: 10001, message: 'Internal server error' }]);
}

/** The answer for faults that produce one ('reset' and 'slow' are handled by the server). */
export function faultResponse(fault: Exclude<Fault, { kind: 'reset' | 'slow' }>, profile: FaultProfile): SimResponse {
  switch (fault.kind) {
    case '500':
      return internalErrorResponse();
    case '502html':
      return { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_HTML };
    case '429':
      return throttledResponse(fault.retryAfterSeconds);
    case 'failPath':
      if (fault.status === 429) return throttledResponse(profile.retryAfterSeconds ?? 1);
      if (fault.status === 403) return fail(403, [{ code: 10000, message: 'Authentication error' }]);
      if (fault.status >= 500) return internalErrorResponse(fault.status);
      return fail(fault.status, [{ code: 10001, message: `Simulated failure (HTTP ${fault.status})` }]);
  }
}
