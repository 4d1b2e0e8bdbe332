/**
 * The network options end to end: a real CONNECT proxy on 127.0.0.1, TLS with
 * a test CA in front of the simulator, and the transport as the integration
 * builds it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { IntegrationProviderAPIError, IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { CloudflareTransport } from '../../src/client';
import { IntegrationConfig, parseConfig } from '../../src/config';
import { scriptedTransport } from '../scriptedServer';
import { RunningSimulator, SIM_TOKENS, startSimulator, tinyDataset } from '../../simulator';
import { closedPort, ConnectProxy, startConnectProxy } from './connectProxy';
import { startTlsFront, TEST_CERTS, TlsFront } from './tlsFront';

const TOKEN = SIM_TOKENS.user;
const PROXY_USER = 'cf-proxy-user';
// Characters that must be percent-encoded in the URL and decoded for the header.
const PROXY_PASSWORD = 'Pr0xy@S3cret:pass/word';
const ENCODED_PASSWORD = encodeURIComponent(PROXY_PASSWORD);
const EXPECTED_AUTH = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;

let simulator: RunningSimulator;
let front: TlsFront;
let proxy: ConnectProxy;

beforeAll(async () => {
  simulator = await startSimulator({ dataset: tinyDataset() });
  front = await startTlsFront(simulator.port);
});

afterAll(async () => {
  await front.close();
  await simulator.close();
});

beforeEach(async () => {
  simulator.resetStats();
  front.connections = 0;
  proxy = await startConnectProxy({ credentials: { user: PROXY_USER, password: PROXY_PASSWORD } });
});

afterEach(async () => {
  await proxy.close();
});

function transport(config: Partial<IntegrationConfig>, retries = 0) {
  return scriptedTransport(TOKEN, front.baseUrl, { requestTimeoutSeconds: '10', ...config }, { retries });
}

/** The token status /user/tokens/verify reports. */
async function verify(t: ReturnType<typeof transport>): Promise<string | undefined> {
  const body = await t.transport.get<{ status: string }>({ path: '/user/tokens/verify' }, t.logger);
  return body.result?.status;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the request to fail');
}

/** Nothing secret in an error, its stack or anything logged. */
function expectNoSecrets(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(PROXY_PASSWORD);
  expect(text).not.toContain(ENCODED_PASSWORD);
  expect(text).not.toContain(EXPECTED_AUTH.slice('Basic '.length));
}

function everything(error: Error, calls: unknown[]): string {
  return `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(calls)}`;
}

describe('through an HTTP CONNECT proxy', () => {
  test('with CA_BUNDLE_FILE: requests succeed over one kept-alive tunnel, TLS end to end, with Basic auth', async () => {
    const t = transport({ httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD), caBundleFile: TEST_CERTS.caFile });

    const verified = await verify(t);
    const accounts = await t.transport.get<Array<{ id: string }>>({ path: '/accounts' }, t.logger);
    await verify(t);

    expect(verified).toBe('active');
    expect(accounts.result?.map((a) => a.id)).toEqual(['ba68a4165965bae09b3065e30a16ee77']);
    expect(proxy.targets).toEqual([`127.0.0.1:${front.port}`]);
    expect(proxy.authorizations).toEqual([EXPECTED_AUTH]);
    expect(proxy.tunnels).toBe(1);
    expect(front.connections).toBe(1);
    expect(simulator.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 2, 'GET /accounts': 1 });
    // The proxy only ever saw TLS records: the first byte is a handshake record, the token never in clear.
    const tunnelled = Buffer.concat(proxy.tunnelledBytes);
    expect(tunnelled[0]).toBe(0x16);
    expect(tunnelled.includes(Buffer.from(TOKEN))).toBe(false);
    expect(tunnelled.includes(Buffer.from('/user/tokens/verify'))).toBe(false);
  });

  test('an https:// proxy URL: TLS to the proxy too, verified with the same CA bundle', async () => {
    const tlsProxy = await startConnectProxy({ tls: { cert: TEST_CERTS.cert, key: TEST_CERTS.key } });
    try {
      const t = transport({ httpsProxy: tlsProxy.url, caBundleFile: TEST_CERTS.caFile });
      expect(await verify(t)).toBe('active');
      expect(tlsProxy.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(tlsProxy.targets).toEqual([`127.0.0.1:${front.port}`]);
      expect(tlsProxy.authorizations).toEqual([undefined]);
      expect(tlsProxy.tunnels).toBe(1);
    } finally {
      await tlsProxy.close();
    }
  });

  test('an https:// proxy whose certificate is not trusted: error names CA_BUNDLE_FILE, no tunnel opened', async () => {
    const tlsProxy = await startConnectProxy({ tls: { cert: TEST_CERTS.cert, key: TEST_CERTS.key } });
    try {
      const t = transport({ httpsProxy: tlsProxy.url }, 2);
      const error = await failureOf(verify(t));
      expect(error).toBeInstanceOf(IntegrationProviderAPIError);
      expect(error.message).toBe(
        `Provider API failed at GET /user/tokens/verify: NETWORK the TLS certificate of the HTTPS proxy 127.0.0.1:${tlsProxy.port} (HTTPS_PROXY) could not be verified (UNABLE_TO_VERIFY_LEAF_SIGNATURE): if a private CA signed it, set CA_BUNDLE_FILE (config field caBundleFile) to a PEM file holding that CA; certificate verification cannot be turned off`,
      );
      // Not retried: the same certificate would be refused again.
      expect(tlsProxy.targets).toEqual([]);
      expect(simulator.stats.requests).toBe(0);
    } finally {
      await tlsProxy.close();
    }
  });

  test('without CA_BUNDLE_FILE: a clear certificate error naming CA_BUNDLE_FILE, not retried, nothing secret', async () => {
    const t = transport({ httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) }, 3);

    const error = await failureOf(verify(t));

    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: NETWORK TLS certificate check failed for 127.0.0.1:${front.port} through the HTTPS proxy 127.0.0.1:${proxy.port} (UNABLE_TO_VERIFY_LEAF_SIGNATURE): its certificate was not issued by a trusted CA; if a TLS-inspecting proxy or a private CA signs it, set CA_BUNDLE_FILE (config field caBundleFile) to a PEM file holding that CA; certificate verification cannot be turned off`,
    );
    expect(proxy.targets).toEqual([`127.0.0.1:${front.port}`]);
    expect(simulator.stats.requests).toBe(0);
    expect(t.transport.stats).toEqual({ requests: 1, retries: 0, rateLimited: 0 });
    expectNoSecrets(everything(error, t.calls));
  });

  test('a CA bundle without the signing CA: the error names the bundle to add it to', async () => {
    const t = transport({
      httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD),
      caBundleFile: TEST_CERTS.otherCaFile,
    });

    const error = await failureOf(verify(t));

    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: NETWORK TLS certificate check failed for 127.0.0.1:${front.port} through the HTTPS proxy 127.0.0.1:${proxy.port} (UNABLE_TO_VERIFY_LEAF_SIGNATURE): its certificate was not issued by a trusted CA; if a TLS-inspecting proxy or a private CA signs it, add that CA to the PEM file in CA_BUNDLE_FILE (config field caBundleFile, now "${TEST_CERTS.otherCaFile}"); certificate verification cannot be turned off`,
    );
    expect(simulator.stats.requests).toBe(0);
  });

  test('NODE_TLS_REJECT_UNAUTHORIZED=0 does not switch verification off', async () => {
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const withProxy = transport({ httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) });
      expect((await failureOf(verify(withProxy))).message).toContain('(UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
      const direct = transport({});
      expect((await failureOf(verify(direct))).message).toContain('(UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
      expect(simulator.stats.requests).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      warn.mockRestore();
    }
  });

  test('a wrong proxy password: 407 gives a clear error naming HTTPS_PROXY, without the password, not retried', async () => {
    const wrong = 'Wr0ng@pass:word';
    const t = transport({ httpsProxy: proxy.urlWith(PROXY_USER, wrong), caBundleFile: TEST_CERTS.caFile }, 3);

    const error = await failureOf(verify(t));

    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: NETWORK the HTTPS proxy 127.0.0.1:${proxy.port} (HTTPS_PROXY) answered 407 Proxy Authentication Required: it did not accept the user name and password in HTTPS_PROXY; correct them (http://user:password@host:port, special characters percent-encoded)`,
    );
    expect(proxy.authorizations).toEqual([`Basic ${Buffer.from(`${PROXY_USER}:${wrong}`).toString('base64')}`]);
    expect(proxy.tunnels).toBe(0);
    expect(simulator.stats.requests).toBe(0);
    const text = everything(error, t.calls);
    expectNoSecrets(text);
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(encodeURIComponent(wrong));
  });

  test('no credentials for a proxy that requires them: 407 says to add them', async () => {
    const t = transport({ httpsProxy: proxy.url, caBundleFile: TEST_CERTS.caFile });

    const error = await failureOf(verify(t));

    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: NETWORK the HTTPS proxy 127.0.0.1:${proxy.port} (HTTPS_PROXY) answered 407 Proxy Authentication Required: it requires a user name and password; put them in HTTPS_PROXY (http://user:password@host:port, special characters percent-encoded)`,
    );
    expect(proxy.authorizations).toEqual([undefined]);
  });

  test('the proxy refuses the tunnel (403): names the target to allow, not retried', async () => {
    const refusing = await startConnectProxy({ refuseWith: 403 });
    try {
      const t = transport({ httpsProxy: refusing.url, caBundleFile: TEST_CERTS.caFile }, 3);
      const error = await failureOf(verify(t));
      expect(error.message).toBe(
        `Provider API failed at GET /user/tokens/verify: NETWORK the HTTPS proxy 127.0.0.1:${refusing.port} (HTTPS_PROXY) refused to open a tunnel to 127.0.0.1:${front.port} (403 Forbidden): ask its administrators to allow CONNECT to 127.0.0.1:${front.port}, or check HTTPS_PROXY`,
      );
      expect(refusing.targets).toHaveLength(1);
    } finally {
      await refusing.close();
    }
  });

  test('the proxy cannot reach the upstream (502): retried, then a clear error', async () => {
    const failing = await startConnectProxy({ refuseWith: 502 });
    try {
      const t = transport({ httpsProxy: failing.url, caBundleFile: TEST_CERTS.caFile }, 2);
      const error = await failureOf(verify(t));
      expect(error.message).toBe(
        `Provider API failed at GET /user/tokens/verify: NETWORK the HTTPS proxy 127.0.0.1:${failing.port} (HTTPS_PROXY) could not open a tunnel to 127.0.0.1:${front.port} (502 Bad Gateway): the proxy may not reach Cloudflare; check its connectivity or try again later after 3 attempts`,
      );
      expect(failing.targets).toHaveLength(3);
      expect(t.transport.stats).toEqual({ requests: 3, retries: 2, rateLimited: 0 });
    } finally {
      await failing.close();
    }
  });

  test('the proxy is down: a clear error naming HTTPS_PROXY host:port, credentials masked', async () => {
    const port = await closedPort();
    const t = transport(
      { httpsProxy: `http://${PROXY_USER}:${ENCODED_PASSWORD}@127.0.0.1:${port}`, caBundleFile: TEST_CERTS.caFile },
      1,
    );

    const error = await failureOf(verify(t));

    expect(error).toBeInstanceOf(IntegrationProviderAPIError);
    expect(error.message).toBe(
      `Provider API failed at GET /user/tokens/verify: NETWORK could not reach the HTTPS proxy 127.0.0.1:${port} (ECONNREFUSED): check that the proxy runs and that HTTPS_PROXY (config field httpsProxy) names its host and port after 2 attempts`,
    );
    // The retry warning carries the same credential-free reason.
    expect(t.calls.filter((c) => c.level === 'warn')).toHaveLength(1);
    expectNoSecrets(everything(error, t.calls));
    expect(everything(error, t.calls)).not.toContain(PROXY_USER);
  });

  test('a proxy that never answers CONNECT: the request deadline ends it and the proxy connection is closed', async () => {
    const silent = await startConnectProxy({ silent: true });
    try {
      const t = transport({ httpsProxy: silent.url, caBundleFile: TEST_CERTS.caFile, requestTimeoutSeconds: '1' });
      const error = await failureOf(verify(t));
      // Whichever fires first, the fetch deadline or the tunnel's own timer, names the one-second limit.
      expect(error.message).toMatch(
        /: NETWORK (no complete answer within 1 s \(REQUEST_TIMEOUT_SECONDS\)|the HTTPS proxy 127\.0\.0\.1:\d+ \(HTTPS_PROXY\) did not answer the CONNECT request within 1 s)$/,
      );
      await waitFor(() => silent.closedConnections === 1);
      expect(silent.targets).toEqual([`127.0.0.1:${front.port}`]);
    } finally {
      await silent.close();
    }
  });

  test('NO_PROXY naming the API host: requests go direct', async () => {
    const previous = process.env.NO_PROXY;
    process.env.NO_PROXY = 'example.internal, 127.0.0.1';
    try {
      const t = transport({ httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD), caBundleFile: TEST_CERTS.caFile });
      expect(await verify(t)).toBe('active');
      expect(proxy.targets).toEqual([]);
      expect(front.connections).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.NO_PROXY;
      else process.env.NO_PROXY = previous;
    }
  });

  test('an http:// loopback base URL (the simulator) never goes through the proxy', async () => {
    const t = scriptedTransport(TOKEN, simulator.url, { httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) });
    expect(await verify(t)).toBe('active');
    expect(proxy.targets).toEqual([]);
    expect(simulator.stats.byRoute).toEqual({ 'GET /user/tokens/verify': 1 });
  });
});

describe('CA_BUNDLE_FILE checked at start-up', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-ca-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function startupError(caBundleFile: string): Error {
    let caught: unknown;
    try {
      transport({ caBundleFile });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(IntegrationValidationError);
    const error = caught as Error;
    expect(error.message).not.toContain(TOKEN);
    return error;
  }

  const FIX = 'set CA_BUNDLE_FILE to a PEM file holding the extra CA certificates to trust, or leave it unset.';

  test('a missing file', () => {
    const file = path.join(dir, 'missing.pem');
    expect(startupError(file).message).toBe(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "${file}" does not exist; ${FIX}`,
    );
  });

  test('a relative path is shown resolved too', () => {
    const resolved = path.resolve('no-such-ca-bundle.pem');
    expect(startupError('no-such-ca-bundle.pem').message).toBe(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "no-such-ca-bundle.pem" (${resolved}) does not exist; ${FIX}`,
    );
  });

  test('a directory', () => {
    expect(startupError(dir).message).toBe(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "${dir}" is a directory; ${FIX}`,
    );
  });

  test('a file that is not PEM (a private key, DER bytes)', () => {
    const keyFile = path.join(dir, 'key.pem');
    fs.writeFileSync(keyFile, TEST_CERTS.key);
    expect(startupError(keyFile).message).toBe(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "${keyFile}" holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" block; a DER file converts with \`openssl x509 -inform der -in FILE -out FILE.pem\`); ${FIX}`,
    );
  });

  test('a damaged certificate among good ones', () => {
    const file = path.join(dir, 'damaged.pem');
    const good = fs.readFileSync(TEST_CERTS.caFile, 'utf8');
    const damaged = good.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!!!!!!!!!!!!!!!!!');
    fs.writeFileSync(file, `${good}\n${damaged}`);
    expect(startupError(file).message).toBe(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "${file}" has a damaged certificate (number 2 of 2); ${FIX}`,
    );
  });

  test('checked for an http:// base URL too', () => {
    const file = path.join(dir, 'missing.pem');
    const settings = parseConfig({ apiToken: TOKEN, apiBaseUrl: simulator.url, caBundleFile: file });
    expect(() => new CloudflareTransport(settings)).toThrow(
      `Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "${file}" does not exist; ${FIX}`,
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
