import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from './cli';

/**
 * A throw-away project whose one step adds `entities` minimal DNS-record-shaped
 * entities and as many zone HAS record relationships, in pages of 100, with
 * keys shaped like ours and no HTTP at all. Its peak memory is what the SDK's
 * job state and file writing cost by themselves, so the benchmark can tell
 * the SDK's share of a collection's memory from ours.
 */
export function createSdkFloorProject(entities: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-sdk-floor-'));
  fs.mkdirSync(path.join(dir, 'src'));
  const core = JSON.stringify(path.join(REPO_ROOT, 'node_modules', '@jupiterone', 'integration-sdk-core'));
  fs.writeFileSync(
    path.join(dir, 'src', 'index.js'),
    `'use strict';
const { createIntegrationEntity, createDirectRelationship } = require(${core});
const N = ${Math.floor(entities)};
const hex = (i) => i.toString(16).padStart(32, '0');
exports.invocationConfig = {
  instanceConfigFields: {},
  integrationSteps: [{
    id: 'sdk-floor',
    name: 'SDK floor',
    entities: [{ resourceName: 'Record', _type: 'cloudflare_dns_record', _class: ['DomainRecord'] }],
    relationships: [{ _type: 'cloudflare_dns_zone_has_record', sourceType: 'cloudflare_dns_zone', _class: 'HAS', targetType: 'cloudflare_dns_record' }],
    executionHandler: async ({ jobState }) => {
      for (let start = 0; start < N; start += 100) {
        const entities = [];
        for (let i = start; i < Math.min(N, start + 100); i++) {
          entities.push(createIntegrationEntity({ entityData: { source: {}, assign: {
            _key: 'cloudflare_dns_record:' + hex(i), _type: 'cloudflare_dns_record', _class: ['DomainRecord'],
            name: 'r' + i + '.example.com', displayName: 'r' + i + '.example.com', type: 'A', TTL: 1 } } }));
        }
        await jobState.addEntities(entities);
        await jobState.addRelationships(entities.map((e) => createDirectRelationship({
          _class: 'HAS', fromType: 'cloudflare_dns_zone', fromKey: 'cloudflare_dns_zone:' + hex(start / 100),
          toType: 'cloudflare_dns_record', toKey: e._key })));
      }
    },
  }],
};
`,
  );
  return dir;
}
