/**
 * A small route table: method + path template → handler. Adding an endpoint
 * (e.g. Zero Trust) means appending a Route; nothing else changes.
 */
import type { SimulatorDataset } from './dataset';
import { fail, noRoute, Reject, SimResponse } from './envelope';

export const API_PREFIX = '/client/v4';

/** A parsed request as handlers see it. */
export interface SimRequest {
  method: string;
  /** Full path as received, including /client/v4, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The request body as text, when one was sent (write endpoints). */
  body?: string;
}

export interface RouteContext {
  req: SimRequest;
  params: Record<string, string>;
  dataset: SimulatorDataset;
}

export interface Route {
  method: string;
  /** Relative to /client/v4, e.g. '/zones/:id/dns_records'. */
  pattern: string;
  /** Per-parameter format; defaults to a Cloudflare id (32 lowercase hex). */
  params?: Record<string, RegExp>;
  handle(ctx: RouteContext): SimResponse;
}

export interface RouteMatch {
  route: Route;
  /** Stats key, e.g. 'GET /zones/:id/dns_records'. */
  key: string;
  params: Record<string, string>;
}

const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;

/** True for /client/v4 and anything below it; other prefixes (e.g. /client/v5) are not an API version. */
export function underApiPrefix(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | undefined {
  if (!path.startsWith(`${API_PREFIX}/`)) return undefined;
  const segments = path.slice(API_PREFIX.length).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length && matched; i++) {
      const part = parts[i];
      if (part.startsWith(':')) {
        const name = part.slice(1);
        // A malformed id does not match, so it gets Cloudflare's 7003 "could not route".
        matched = (route.params?.[name] ?? CLOUDFLARE_ID).test(segments[i]);
        params[name] = segments[i];
      } else {
        matched = part === segments[i];
      }
    }
    if (matched) return { route, key: `${route.method} ${route.pattern}`, params };
  }
  return undefined;
}

export function unroutable(path: string): SimResponse {
  return fail(400, [
    { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: 7000, message: 'No route for that URI' },
  ]);
}

/**
 * Runs a matched route, turning thrown Rejects into responses. Unmatched: 400 7003 + 7000
 * under /client/v4; 404 7000 "No route for that URI" for any other prefix (docs/cloudflare-facts.md#errors).
 */
export function dispatch(req: SimRequest, dataset: SimulatorDataset, match: RouteMatch | undefined): SimResponse {
  if (!match) return underApiPrefix(req.path) ? unroutable(req.path) : noRoute();
  try {
    return match.route.handle({ req, params: match.params, dataset });
  } catch (err) {
    if (err instanceof Reject) return err.response;
    throw err;
  }
}
