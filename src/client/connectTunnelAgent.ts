/**
 * The CONNECT tunnel agent: an https.Agent whose connections are TLS inside
 * an HTTP CONNECT tunnel through the proxy, and the errors the tunnel
 * raises, each with its fix. Certificate verification is always on.
 */
import http from 'http';
import https from 'https';
import net from 'net';
import tls from 'tls';
import { bracketed, ProxyTarget } from '../network/proxyConfig';

/** Codes of the errors the tunnel raises (node-fetch keeps only an error's code and message). */
export const PROXY_ERROR_CODES = {
  unreachable: 'ERR_PROXY_UNREACHABLE',
  timeout: 'ERR_PROXY_TIMEOUT',
  auth: 'ERR_PROXY_AUTH',
  refused: 'ERR_PROXY_REFUSED',
  upstream: 'ERR_PROXY_UPSTREAM',
  tls: 'ERR_PROXY_TLS',
} as const;

export const RETRYABLE_PROXY_CODES = new Set<string>([
  PROXY_ERROR_CODES.unreachable,
  PROXY_ERROR_CODES.timeout,
  PROXY_ERROR_CODES.upstream,
]);

export /** Certificate checks that a missing CA (a TLS-inspecting proxy, a private CA) makes fail. */
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

export const NO_VERIFY_SWITCH = 'certificate verification cannot be turned off';

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
