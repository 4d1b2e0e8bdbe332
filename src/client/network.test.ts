import http from 'http';
import https from 'https';
import path from 'path';
import tls from 'tls';
import { IntegrationConfig, parseConfig } from '../config';
import { readCaBundle } from '../network/proxyConfig';
import { TunnelingAgent } from './connectTunnelAgent';
import { createNetwork } from './network';

const TOKEN = 'FAKEtok3n_zzQ9-network-test-secret-XYZ0';
const CA_FILE = path.join(__dirname, '../../test/network/certs/ca.pem');
const OTHER_CA_FILE = path.join(__dirname, '../../test/network/certs/other-ca.pem');

function settings(config: Partial<IntegrationConfig> = {}) {
  return parseConfig({ apiToken: TOKEN, ...config } as IntegrationConfig);
}

describe('createNetwork', () => {
  test('https base URL without a proxy: a keep-alive https agent with Node’s CAs and verification pinned on', () => {
    const network = createNetwork(settings({ maxConcurrentRequests: '3' }), {});
    expect(network.agent).toBeInstanceOf(https.Agent);
    expect(network.agent).not.toBeInstanceOf(TunnelingAgent);
    expect(network.proxy).toBeUndefined();
    expect(network.agent.maxSockets).toBe(3);
    const options = (network.agent as https.Agent).options;
    expect(options).toMatchObject({ keepAlive: true, maxSockets: 3, rejectUnauthorized: true });
    expect(options.ca).toBeUndefined();
  });

  test('https base URL with a proxy: a tunnelling agent keeping keepAlive and maxSockets', () => {
    const network = createNetwork(
      settings({ httpsProxy: 'http://user:secret@proxy.example:3128', maxConcurrentRequests: '5' }),
      {},
    );
    expect(network.agent).toBeInstanceOf(TunnelingAgent);
    expect(network.proxy?.display).toBe('proxy.example:3128');
    expect(network.agent.maxSockets).toBe(5);
    expect((network.agent as https.Agent).options).toMatchObject({
      keepAlive: true,
      maxSockets: 5,
      rejectUnauthorized: true,
    });
  });

  test('NO_PROXY or no_proxy naming the API host: no proxy', () => {
    const config = settings({ httpsProxy: 'http://proxy.example:3128' });
    expect(createNetwork(config, { NO_PROXY: '.cloudflare.com' }).proxy).toBeUndefined();
    expect(createNetwork(config, { no_proxy: 'api.cloudflare.com' }).proxy).toBeUndefined();
    expect(createNetwork(config, { NO_PROXY: 'example.com' }).proxy?.display).toBe('proxy.example:3128');
  });

  test('http:// loopback base URL: a plain http agent, the proxy ignored', () => {
    const network = createNetwork(
      settings({ apiBaseUrl: 'http://127.0.0.1:9999/client/v4', httpsProxy: 'http://proxy.example:3128' }),
      {},
    );
    expect(network.agent).toBeInstanceOf(http.Agent);
    expect(network.agent).not.toBeInstanceOf(https.Agent);
    expect(network.proxy).toBeUndefined();
    expect(network.explain(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }))).toBeUndefined();
  });

  test('a CA bundle is added to Node’s CAs (and NODE_EXTRA_CA_CERTS), not in place of them', () => {
    const [extra] = readCaBundle(CA_FILE);
    const [nodeExtra] = readCaBundle(OTHER_CA_FILE);
    const withBundle = createNetwork(settings({ caBundleFile: CA_FILE }), {});
    expect((withBundle.agent as https.Agent).options.ca).toEqual([...tls.rootCertificates, extra]);
    const withNodeExtra = createNetwork(settings({ caBundleFile: CA_FILE }), { NODE_EXTRA_CA_CERTS: OTHER_CA_FILE });
    expect((withNodeExtra.agent as https.Agent).options.ca).toEqual([...tls.rootCertificates, nodeExtra, extra]);
    const badNodeExtra = createNetwork(settings({ caBundleFile: CA_FILE }), { NODE_EXTRA_CA_CERTS: '/nonexistent' });
    expect((badNodeExtra.agent as https.Agent).options.ca).toEqual([...tls.rootCertificates, extra]);
  });
});

describe('explain', () => {
  const failure = (code: string, message = `request to https://api.cloudflare.com/x failed, reason: ${code}`) =>
    Object.assign(new Error(message), { code });

  test.each([
    ['CERT_HAS_EXPIRED', 'its certificate is outside its validity dates (check the system clock too)'],
    ['CERT_NOT_YET_VALID', 'its certificate is outside its validity dates (check the system clock too)'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'its certificate is for another host name'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'its certificate was not issued by a trusted CA'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'its certificate was not issued by a trusted CA'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'its certificate was not issued by a trusted CA'],
  ])('%s names CA_BUNDLE_FILE and is not retried', (code, what) => {
    const network = createNetwork(settings(), {});
    expect(network.explain(failure(code))).toEqual({
      reason: `TLS certificate check failed for api.cloudflare.com:443 (${code}): ${what}; if a TLS-inspecting proxy or a private CA signs it, set CA_BUNDLE_FILE (config field caBundleFile) to a PEM file holding that CA; certificate verification cannot be turned off`,
      retryable: false,
    });
  });

  test('proxy errors keep their own reason, without node-fetch’s prefix; retried only when it may pass', () => {
    const network = createNetwork(settings({ httpsProxy: 'http://proxy.example:3128' }), {});
    expect(
      network.explain(failure('ERR_PROXY_AUTH', 'request to https://x/y failed, reason: the proxy said 407')),
    ).toEqual({
      reason: 'the proxy said 407',
      retryable: false,
    });
    expect(network.explain(failure('ERR_PROXY_REFUSED'))?.retryable).toBe(false);
    expect(network.explain(failure('ERR_PROXY_TLS'))?.retryable).toBe(false);
    expect(network.explain(failure('ERR_PROXY_UNREACHABLE'))?.retryable).toBe(true);
    expect(network.explain(failure('ERR_PROXY_UPSTREAM'))?.retryable).toBe(true);
    expect(network.explain(failure('ERR_PROXY_TIMEOUT'))?.retryable).toBe(true);
  });

  test('other errors are left to the transport', () => {
    const network = createNetwork(settings(), {});
    expect(network.explain(failure('ECONNRESET'))).toBeUndefined();
    expect(network.explain(new Error('no code'))).toBeUndefined();
    expect(network.explain(undefined)).toBeUndefined();
  });
});
