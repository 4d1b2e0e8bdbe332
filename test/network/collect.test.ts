/**
 * A whole collection (validateInvocation and every step, as `j1-integration
 * collect` runs them) through the CONNECT proxy, against the simulator behind
 * TLS with the test CA.
 */
import { IntegrationValidationError } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../src/config';
import { collect, CollectResult, everythingVisible, keys, statuses } from '../../tools/lib/collect';
import { RunningSimulator, startSimulator, tinyDataset } from '../../simulator';
import { ConnectProxy, startConnectProxy } from './connectProxy';
import { startTlsFront, TEST_CERTS, TlsFront } from './tlsFront';

const PROXY_USER = 'collector';
const PROXY_PASSWORD = 'c0llect-Pr0xy-Secret';

// The areas other steps own are off: this test is about the path, not their data.
const CORE_ONLY: Partial<IntegrationConfig> = {
  ingestZeroTrust: 'false',
  ingestAccessConfiguration: 'false',
  ingestApiTokens: 'false',
  ingestZoneSettings: 'false',
};

let simulator: RunningSimulator;
let front: TlsFront;
let proxy: ConnectProxy;

beforeAll(async () => {
  simulator = await startSimulator({ dataset: tinyDataset() });
  front = await startTlsFront(simulator.port);
  proxy = await startConnectProxy({ credentials: { user: PROXY_USER, password: PROXY_PASSWORD } });
});

afterAll(async () => {
  await proxy.close();
  await front.close();
  await simulator.close();
});

function graphKeys(result: CollectResult) {
  return { entities: keys(result.entities), relationships: keys(result.relationships) };
}

test('a full collection through the proxy gives the same graph and requests as a direct one', async () => {
  const direct = await collect({ apiBaseUrl: simulator.url, config: CORE_ONLY, logLevel: 'info' });
  expect(direct.error).toBeUndefined();
  const directRequests = simulator.stats.requests;
  simulator.resetStats();

  const proxied = await collect({
    apiBaseUrl: front.baseUrl,
    config: {
      ...CORE_ONLY,
      httpsProxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD),
      caBundleFile: TEST_CERTS.caFile,
      maxConcurrentRequests: '2',
    },
    logLevel: 'debug',
  });

  expect(proxied.error).toBeUndefined();
  expect(statuses(proxied)).toEqual(statuses(direct));
  expect(graphKeys(proxied)).toEqual(graphKeys(direct));
  expect(proxied.entities.length).toBeGreaterThan(0);
  expect(simulator.stats.requests).toBe(directRequests);
  expect(proxied.transportStats.requests).toBe(directRequests);
  // Kept-alive tunnels, at most one per concurrent request.
  expect(proxy.tunnels).toBeGreaterThanOrEqual(1);
  expect(proxy.tunnels).toBeLessThanOrEqual(2);
  expect(new Set(proxy.targets)).toEqual(new Set([`127.0.0.1:${front.port}`]));
  expect(new Set(proxy.authorizations)).toEqual(
    new Set([`Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`]),
  );
  // The log says the proxy is used, by host:port only.
  expect(proxied.records.map((r) => r.msg)).toContain(
    `Requests to ${front.baseUrl} go through the HTTPS proxy 127.0.0.1:${proxy.port} (HTTPS_PROXY).`,
  );
  expect(direct.records.map((r) => r.msg).filter((m) => m.includes('HTTPS_PROXY'))).toEqual([]);
  const visible = everythingVisible(proxied);
  expect(visible).not.toContain(PROXY_PASSWORD);
  expect(visible).not.toContain(encodeURIComponent(PROXY_PASSWORD));
});

test('an unreadable CA_BUNDLE_FILE stops the run at start-up with a config error', async () => {
  simulator.resetStats();
  const result = await collect({
    apiBaseUrl: front.baseUrl,
    config: { ...CORE_ONLY, caBundleFile: '/nonexistent/corporate-ca.pem' },
  });

  expect(result.error).toBeInstanceOf(IntegrationValidationError);
  expect((result.error as IntegrationValidationError).code).toBe('CONFIG_VALIDATION_ERROR');
  expect(result.error?.message).toBe(
    'Invalid config field caBundleFile (env CA_BUNDLE_FILE): the file "/nonexistent/corporate-ca.pem" does not exist; set CA_BUNDLE_FILE to a PEM file holding the extra CA certificates to trust, or leave it unset.',
  );
  expect(simulator.stats.requests).toBe(0);
  expect(result.entities).toEqual([]);
});
