import fs from 'fs';
import os from 'os';
import path from 'path';
import type { SimulatorDataset } from '../../simulator';
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

/**
 * A throw-away project whose one step turns the dataset's DNS records into
 * graph objects with this integration's own converter, key scheme and
 * de-duplication (from the compiled build in dist/), zone by zone, each zone's
 * records parsed from a JSON file as if it were a response body. Nothing else:
 * no HTTP, no rate limiter, no other steps. What a collection costs above this
 * is the cost of the client and the other steps; what this costs above the
 * bare floor is the cost of the DNS records' content in the SDK's job state.
 */
export function createDnsDataFloorProject(dataset: SimulatorDataset): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-cloudflare-dns-floor-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'zones'));
  for (const [zoneId, records] of dataset.dnsRecordsByZone) {
    fs.writeFileSync(path.join(dir, 'zones', `${zoneId}.json`), JSON.stringify(records));
  }
  const dist = (module: string) => JSON.stringify(path.join(REPO_ROOT, 'dist', module));
  fs.writeFileSync(
    path.join(dir, 'src', 'index.js'),
    `'use strict';
const fs = require('fs');
const path = require('path');
const { Entities, Relationships } = require(${dist('constants')});
const { createDnsRecordEntity, zoneHasRecordKey } = require(${dist('steps/dns-records/converter')});
const { zoneKey } = require(${dist('steps/zones/converter')});
const { addNewEntities, addNewRelationships } = require(${dist('util/addNew')});
const { relationshipBetween } = require(${dist('util/relationships')});
const ZONES = ${JSON.stringify(path.join(dir, 'zones'))};
exports.invocationConfig = {
  instanceConfigFields: {},
  integrationSteps: [{
    id: 'dns-data-floor',
    name: 'DNS records from disk',
    entities: [Entities.DNS_RECORD],
    relationships: [Relationships.ZONE_HAS_RECORD],
    executionHandler: async ({ jobState }) => {
      for (const file of fs.readdirSync(ZONES)) {
        const zoneId = path.basename(file, '.json');
        const records = JSON.parse(fs.readFileSync(path.join(ZONES, file), 'utf8'));
        const entities = records.map((record) => createDnsRecordEntity(zoneId, record));
        await addNewEntities(jobState, entities);
        await addNewRelationships(jobState, records.map((record, i) =>
          relationshipBetween(Relationships.ZONE_HAS_RECORD, zoneKey(zoneId), entities[i]._key, zoneHasRecordKey(record.id))));
      }
    },
  }],
};
`,
  );
  return dir;
}
