/**
 * How requests reach Cloudflare: the agent the transport hands node-fetch
 * (the CONNECT tunnel agent when a proxy is configured, a keep-alive agent
 * otherwise, trusting Node's CAs plus an optional extra CA bundle), and the
 * advice for a proxy or certificate failure. Certificate verification is
 * always on: there is deliberately no option to turn it off.
 */
import http from 'http';
import https from 'https';
import { CloudflareSettings } from '../config';
import { ProxyTarget, resolveNetworkConfig } from '../network/proxyConfig';
import {
  CERTIFICATE_CODES,
  NO_VERIFY_SWITCH,
  PROXY_ERROR_CODES,
  RETRYABLE_PROXY_CODES,
  TunnelingAgent,
} from './connectTunnelAgent';

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
 * The agent for the settings (see resolveNetworkConfig for when the proxy
 * applies). Throws a config error for an unusable CA bundle.
 */
export function createNetwork(settings: CloudflareSettings, env: NodeJS.ProcessEnv = process.env): Network {
  const { https: secure, target, proxy, ca } = resolveNetworkConfig(settings, env);
  const pooling = { keepAlive: true, maxSockets: settings.maxConcurrentRequests };
  if (!secure) {
    return { agent: new http.Agent(pooling), explain: () => undefined };
  }
  // rejectUnauthorized is pinned so that NODE_TLS_REJECT_UNAUTHORIZED=0 cannot switch verification off either.
  const tlsOptions: https.AgentOptions = { ...pooling, rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  const agent = proxy ? new TunnelingAgent(proxy, tlsOptions, settings.requestTimeoutMs) : new https.Agent(tlsOptions);
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
