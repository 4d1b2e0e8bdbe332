/**
 * How requests reach Cloudflare: the agent the transport hands node-fetch,
 * tunnelling through an HTTPS proxy (HTTP CONNECT) when one is configured,
 * trusting Node's CAs plus an optional extra CA bundle, and the advice for a
 * proxy or certificate failure. Certificate verification is always on: there
 * is deliberately no option to turn it off.
 */
import crypto from 'crypto';
import fs from 'fs';
import http from 'http';
import https from 'https';
import net from 'net';
import path from 'path';
import tls from 'tls';
import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { CloudflareSettings } from '../config';

/** A proxy as the agent needs it; `display` (host:port) is all a message may show. */
export interface ProxyTarget {
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
  display: string;
  /** `Basic ...` when the proxy URL carries a user name. */
  authorization?: string;
}

/** Codes of the errors the tunnel raises (node-fetch keeps only an error's code and message). */
export const PROXY_ERROR_CODES = {
  unreachable: 'ERR_PROXY_UNREACHABLE',
  timeout: 'ERR_PROXY_TIMEOUT',
  auth: 'ERR_PROXY_AUTH',
  refused: 'ERR_PROXY_REFUSED',
  upstream: 'ERR_PROXY_UPSTREAM',
  tls: 'ERR_PROXY_TLS',
} as const;

const RETRYABLE_PROXY_CODES = new Set<string>([
  PROXY_ERROR_CODES.unreachable,
  PROXY_ERROR_CODES.timeout,
  PROXY_ERROR_CODES.upstream,
]);

/** Certificate checks that a missing CA (a TLS-inspecting proxy, a private CA) makes fail. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_REJECTED',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class ProxyTunnelError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ProxyTunnelError';
  }
}

const NO_VERIFY_SWITCH = 'certificate verification cannot be turned off';

function bracketed(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The proxy URL (already checked by parseConfig) split up; its password only ever goes into the header. */
export function parseProxyUrl(raw: string): ProxyTarget {
  const url = new URL(raw);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80;
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`
      : undefined;
  return { protocol, host, port, display: `${bracketed(host)}:${port}`, authorization };
}

/**
 * Whether NO_PROXY exempts host:port. Entries are separated by commas or
 * spaces: `*` (everything), a host name (itself and its subdomains), `.suffix`
 * or `*.suffix`, an IP address, each optionally with `:port`. CIDR ranges are
 * not supported.
 */
export function bypassesProxy(hostname: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let name = entry;
    let entryPort: string | undefined;
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (v6) {
      [, name, entryPort] = v6;
    } else if (entry.split(':').length === 2) {
      [name, entryPort] = entry.split(':');
    }
    if (entryPort && Number(entryPort) !== port) continue;
    const suffix = name.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

function configError(file: string, problem: string): IntegrationValidationError {
  const absolute = path.resolve(file);
  const shown = absolute === file ? `"${file}"` : `"${file}" (${absolute})`;
  return new IntegrationValidationError(
    `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file ${shown} ${problem}; ` +
      'set CA_BUNDLE_FILE to a PEM file holding the extra CA certificates to trust, or leave it unset.',
  );
}

/** The PEM certificates of the extra CA bundle; throws a config error naming the file. */
export function readCaBundle(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw configError(file, problem);
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw configError(
      file,
      'holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" block; a DER file converts with `openssl x509 -inform der -in FILE -out FILE.pem`)',
    );
  }
  blocks.forEach((pem, index) => {
    try {
      new crypto.X509Certificate(pem);
    } catch {
      throw configError(file, `has a damaged certificate (number ${index + 1} of ${blocks.length})`);
    }
  });
  return blocks;
}

/**
 * The CAs to trust with an extra bundle: passing `ca` replaces Node's store,
 * so Node's own CAs (and NODE_EXTRA_CA_CERTS, which that store held) are
 * added back.
 */
function trustedCas(caBundleFile: string, env: NodeJS.ProcessEnv): string[] {
  const extra = readCaBundle(caBundleFile);
  let nodeExtra: string[] = [];
  if (env.NODE_EXTRA_CA_CERTS) {
    try {
      nodeExtra = readCaBundle(env.NODE_EXTRA_CA_CERTS);
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS.
    }
  }
  return [...tls.rootCertificates, ...nodeExtra, ...extra];
}

function tunnelError(proxy: ProxyTarget, target: string, response: http.IncomingMessage): ProxyTunnelError {
  const status = `${response.statusCode} ${response.statusMessage ?? ''}`.trim();
  const named = `the HTTPS proxy ${proxy.display} (HTTPS_PROXY)`;
  if (response.statusCode === 407) {
    const fix = proxy.authorization
      ? 'it did not accept the user name and password in HTTPS_PROXY; correct them'
      : 'it requires a user name and password; put them in HTTPS_PROXY';
    return new ProxyTunnelError(
      `${named} answered ${status}: ${fix} (http://user:password@host:port, special characters percent-encoded)`,
      PROXY_ERROR_CODES.auth,
    );
  }
  if ((response.statusCode ?? 0) >= 500) {
    return new ProxyTunnelError(
      `${named} could not open a tunnel to ${target} (${status}): the proxy may not reach Cloudflare; check its connectivity or try again later`,
      PROXY_ERROR_CODES.upstream,
    );
  }
  return new ProxyTunnelError(
    `${named} refused to open a tunnel to ${target} (${status}): ask its administrators to allow CONNECT to ${target}, or check HTTPS_PROXY`,
    PROXY_ERROR_CODES.refused,
  );
}

function connectFailure(proxy: ProxyTarget, err: NodeJS.ErrnoException): ProxyTunnelError {
  const code = err.code ?? 'error';
  if (CERTIFICATE_CODES.has(code)) {
    return new ProxyTunnelError(
      `the TLS certificate of the HTTPS proxy ${proxy.display} (HTTPS_PROXY) could not be verified (${code}): ` +
        `if a private CA signed it, set CA_BUNDLE_FILE (config field caBundleFile) to a PEM file holding that CA; ${NO_VERIFY_SWITCH}`,
      PROXY_ERROR_CODES.tls,
    );
  }
  return new ProxyTunnelError(
    `could not reach the HTTPS proxy ${proxy.display} (${code}): check that the proxy runs and that HTTPS_PROXY (config field httpsProxy) names its host and port`,
    PROXY_ERROR_CODES.unreachable,
  );
}

/** Opens a CONNECT tunnel to host:port through the proxy. */
function openTunnel(
  proxy: ProxyTarget,
  host: string,
  port: number,
  ca: string[] | undefined,
  timeoutMs: number,
): Promise<net.Socket> {
  const target = `${bracketed(host)}:${port}`;
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { Host: target };
    if (proxy.authorization) headers['Proxy-Authorization'] = proxy.authorization;
    const options: https.RequestOptions = {
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    };
    const request =
      proxy.protocol === 'https:' ? https.request({ ...options, ca, rejectUnauthorized: true }) : http.request(options);
    let settled = false;
    const settle = (error?: Error, socket?: net.Socket) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(socket!);
    };
    // The request deadline aborts the fetch, not this request: without its
    // own timer a silent proxy would keep the socket open.
    const timer = setTimeout(() => {
      request.destroy();
      settle(
        new ProxyTunnelError(
          `the HTTPS proxy ${proxy.display} (HTTPS_PROXY) did not answer the CONNECT request within ${timeoutMs / 1000} s`,
          PROXY_ERROR_CODES.timeout,
        ),
      );
    }, timeoutMs);
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        if (head.length > 0) socket.unshift(head);
        settle(undefined, socket);
      } else {
        socket.destroy();
        settle(tunnelError(proxy, target, response));
      }
    });
    request.once('error', (err) => settle(connectFailure(proxy, err)));
    request.end();
  });
}

/**
 * An https.Agent whose connections are TLS inside a CONNECT tunnel: the TLS
 * session runs end to end with Cloudflare, verified as any other. Pooling,
 * keepAlive and maxSockets are https.Agent's own.
 */
export class TunnelingAgent extends https.Agent {
  constructor(
    readonly proxy: ProxyTarget,
    options: https.AgentOptions,
    private readonly connectTimeoutMs: number,
  ) {
    super(options);
  }

  // Node's documented asynchronous form: return nothing, hand the socket to callback.
  createConnection(
    options: tls.ConnectionOptions & { host?: string; port?: number | string },
    callback: (err: Error | null, socket?: net.Socket) => void,
  ): undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    const ca = options.ca as string[] | undefined;
    openTunnel(this.proxy, host, port, ca, this.connectTimeoutMs).then(
      (socket) => {
        try {
          callback(null, tls.connect({ ...options, socket, rejectUnauthorized: true }));
        } catch (err) {
          socket.destroy();
          callback(err as Error);
        }
      },
      (err: Error) => callback(err),
    );
    return undefined;
  }
}

export interface NetworkFailure {
  /** The whole reason, credentials-free. */
  reason: string;
  retryable: boolean;
}

export interface Network {
  agent: http.Agent;
  /** The proxy in use, if requests go through one. */
  proxy?: ProxyTarget;
  /** A clear reason for a proxy or certificate failure, or undefined for any other error. */
  explain(err: unknown): NetworkFailure | undefined;
}

/**
 * The agent for the settings: a CONNECT tunnel through HTTPS_PROXY for an
 * https:// base URL (unless NO_PROXY exempts its host), a plain keep-alive
 * agent otherwise. An http:// base URL (the loopback simulator) never uses
 * the proxy. Throws a config error for an unusable CA bundle.
 */
export function createNetwork(settings: CloudflareSettings, env: NodeJS.ProcessEnv = process.env): Network {
  const base = new URL(settings.apiBaseUrl);
  const ca = settings.caBundleFile ? trustedCas(settings.caBundleFile, env) : undefined;
  const pooling = { keepAlive: true, maxSockets: settings.maxConcurrentRequests };
  if (base.protocol !== 'https:') {
    return { agent: new http.Agent(pooling), explain: () => undefined };
  }
  const port = base.port ? Number(base.port) : 443;
  const noProxy = [env.NO_PROXY, env.no_proxy].filter(Boolean).join(',');
  const proxy =
    settings.httpsProxy && !bypassesProxy(base.hostname, port, noProxy)
      ? parseProxyUrl(settings.httpsProxy)
      : undefined;
  // rejectUnauthorized is pinned so that NODE_TLS_REJECT_UNAUTHORIZED=0 cannot switch verification off either.
  const tlsOptions: https.AgentOptions = { ...pooling, rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  const agent = proxy ? new TunnelingAgent(proxy, tlsOptions, settings.requestTimeoutMs) : new https.Agent(tlsOptions);
  const target = `${base.hostname}:${port}`;
  return {
    agent,
    proxy,
    explain: (err) => explainFailure(err, target, proxy, settings.caBundleFile),
  };
}

function explainFailure(
  err: unknown,
  target: string,
  proxy: ProxyTarget | undefined,
  caBundleFile: string | undefined,
): NetworkFailure | undefined {
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  if (!code) return undefined;
  if (Object.values(PROXY_ERROR_CODES).includes(code as never)) {
    // node-fetch prefixes "request to URL failed, reason: "; the endpoint is named elsewhere.
    const reason = String(message ?? code).replace(/^request to \S+ failed, reason: /, '');
    return { reason, retryable: RETRYABLE_PROXY_CODES.has(code) };
  }
  if (!CERTIFICATE_CODES.has(code)) return undefined;
  const via = proxy ? ` through the HTTPS proxy ${proxy.display}` : '';
  const what =
    code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
      ? 'its certificate is outside its validity dates (check the system clock too)'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
        ? 'its certificate is for another host name'
        : 'its certificate was not issued by a trusted CA';
  const fix = caBundleFile
    ? `if a TLS-inspecting proxy or a private CA signs it, add that CA to the PEM file in CA_BUNDLE_FILE (config field caBundleFile, now "${caBundleFile}")`
    : 'if a TLS-inspecting proxy or a private CA signs it, set CA_BUNDLE_FILE (config field caBundleFile) to a PEM file holding that CA';
  return {
    reason: `TLS certificate check failed for ${target}${via} (${code}): ${what}; ${fix}; ${NO_VERIFY_SWITCH}`,
    retryable: false,
  };
}
