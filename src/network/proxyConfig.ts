/**
 * The network part of the configuration: the HTTPS_PROXY URL split up,
 * whether NO_PROXY exempts the API host, and the extra CA bundle read and
 * checked (a config error naming CA_BUNDLE_FILE). No sockets here: the
 * agent that uses these lives in src/client/connectTunnelAgent.ts.
 */
import crypto from 'crypto';
import fs from 'fs';
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

export function bracketed(host: string): string {
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
export function trustedCas(caBundleFile: string, env: NodeJS.ProcessEnv): string[] {
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

/** How requests reach the API host, as the configuration and environment say. */
export interface NetworkConfig {
  /** False for an http:// base URL (the loopback simulator): no proxy, no CAs. */
  https: boolean;
  /** `host:port` of the API, as failures name it. */
  target: string;
  /** The proxy to tunnel through, unless none is set or NO_PROXY exempts the API host. */
  proxy?: ProxyTarget;
  /** The CAs to trust when CA_BUNDLE_FILE is set (Node's own included). */
  ca?: string[];
}

/**
 * Checks and resolves the network settings: a CONNECT tunnel through
 * HTTPS_PROXY for an https:// base URL (unless NO_PROXY exempts its host);
 * an http:// base URL never uses the proxy. Throws a config error for an
 * unusable CA bundle, whatever the base URL.
 */
export function resolveNetworkConfig(
  settings: CloudflareSettings,
  env: NodeJS.ProcessEnv = process.env,
): NetworkConfig {
  const base = new URL(settings.apiBaseUrl);
  const ca = settings.caBundleFile ? trustedCas(settings.caBundleFile, env) : undefined;
  if (base.protocol !== 'https:') return { https: false, target: base.host };
  const port = base.port ? Number(base.port) : 443;
  const noProxy = [env.NO_PROXY, env.no_proxy].filter(Boolean).join(',');
  const proxy =
    settings.httpsProxy && !bypassesProxy(base.hostname, port, noProxy)
      ? parseProxyUrl(settings.httpsProxy)
      : undefined;
  return { https: true, target: `${base.hostname}:${port}`, proxy, ca };
}
