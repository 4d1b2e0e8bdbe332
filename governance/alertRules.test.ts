/**
 * jupiterone/alert-rules/cloudflare.json: the rule-pack format of
 * @jupiterone/jupiterone-alert-rules (what `j1 -o provision-alert-rule-pack
 * --alert -f FILE` reads), and every type and property its queries name
 * checked against a graph the integration really collected.
 */
import fs from 'fs';
import path from 'path';
import { Entities, Relationships } from '../src/constants';
import { realisticDataset } from '../simulator';
import { CollectedGraphDir, collectGraph } from './testing/collectGraph';

const FILE = path.join(__dirname, '..', 'jupiterone', 'alert-rules', 'cloudflare.json');
const rules = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Array<Record<string, unknown>>;

interface Query {
  name: string;
  query: string;
  version: string;
  includeDeleted?: boolean;
}

const queries = () => rules.flatMap((rule) => rule.queries as Query[]);

/** JupiterOne's own metadata on every entity and relationship; a collected graph does not hold it. */
const J1_METADATA = ['_createdOn', '_beginOn', '_endOn', '_deleted'];

describe('the rule pack format', () => {
  test('an array of {name, description, queries, alertLevel}, names unique kebab-case ids', () => {
    expect(Array.isArray(rules)).toBe(true);
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['alertLevel', 'description', 'name', 'queries']);
      expect(rule.name).toMatch(/^cloudflare(?:-[a-z0-9]+)+$/);
      expect(typeof rule.description).toBe('string');
      expect((rule.description as string).length).toBeGreaterThan(40);
      expect(['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(rule.alertLevel);
    }
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('one query per rule, named query0 (the default rule settings fire on queries.query0.total), version v1', () => {
    for (const rule of rules) {
      const list = rule.queries as Query[];
      expect(list).toHaveLength(1);
      const [query] = list;
      expect(
        Object.keys(query)
          .filter((k) => k !== 'includeDeleted')
          .sort(),
      ).toEqual(['name', 'query', 'version']);
      expect(query).toMatchObject({ name: 'query0', version: 'v1' });
      expect(query.query).toMatch(/^FIND /);
      if ('includeDeleted' in query) expect(query.includeDeleted).toBe(true);
    }
  });

  test('the rules the pack promises', () => {
    expect(rules.map((r) => [r.name, r.alertLevel])).toEqual([
      ['cloudflare-new-super-administrator', 'CRITICAL'],
      ['cloudflare-member-without-2fa', 'HIGH'],
      ['cloudflare-member-added', 'MEDIUM'],
      ['cloudflare-member-removed', 'MEDIUM'],
      ['cloudflare-dns-record-changed', 'MEDIUM'],
      ['cloudflare-zone-weak-tls-or-ssl', 'HIGH'],
      ['cloudflare-expired-token-still-active', 'HIGH'],
      ['cloudflare-new-edit-token', 'HIGH'],
      ['cloudflare-revoked-device-still-seen', 'HIGH'],
      ['cloudflare-access-application-without-policy', 'MEDIUM'],
      ['cloudflare-dormant-member', 'LOW'],
    ]);
    // Deleted entities are only found when the query asks for them.
    const removed = rules.find((r) => r.name === 'cloudflare-member-removed')!.queries as Query[];
    expect(removed[0].includeDeleted).toBe(true);
  });

  test('every type a query names is one the integration writes', () => {
    const known = new Set([
      ...Object.values(Entities).map((e) => e._type),
      ...Object.values(Relationships).map((r) => r._type),
    ]);
    const named = new Set(queries().flatMap((q) => [...q.query.matchAll(/\bcloudflare_[a-z_]+/g)].map((m) => m[0])));
    expect([...named].filter((type) => !known.has(type))).toEqual([]);
    expect(named.size).toBeGreaterThanOrEqual(7);
  });
});

describe('against a collected graph', () => {
  let collected: CollectedGraphDir;
  const keys = new Map<string, Set<string>>();
  const relationshipKeys = new Set<string>();
  beforeAll(async () => {
    collected = await collectGraph(realisticDataset());
    for (const object of [...collected.result.entities, ...collected.result.relationships]) {
      const type = (object as { _type: string })._type;
      if (!keys.has(type)) keys.set(type, new Set());
      Object.keys(object).forEach((k) => keys.get(type)!.add(k));
    }
    for (const object of collected.result.relationships) Object.keys(object).forEach((k) => relationshipKeys.add(k));
  }, 120_000);
  afterAll(() => collected?.remove());

  /** Property names a query uses, each with the type (or 'relationship') it must exist on. */
  function used(query: string): Array<{ type: string; property: string }> {
    const text = query.replace(/'[^']*'/g, "''");
    const out: Array<{ type: string; property: string }> = [];
    const aliases = new Map<string, string>();
    const comparisons = (clause: string) =>
      [...clause.matchAll(/\b([A-Za-z_]\w*)\s*(?:!=|>=|<=|=|<|>)/g)].map((m) => m[1]);
    // `TYPE [WITH …] AS alias`: the WITH clause's properties belong to TYPE.
    for (const m of text.matchAll(/\b(cloudflare_[a-z_]+)(?:\s+WITH\s+((?:(?!\bAS\b)[\s\S])*?))?\s+AS\s+(\w+)/g)) {
      aliases.set(m[3], m[1]);
      for (const property of comparisons(m[2] ?? '')) out.push({ type: m[1], property });
    }
    // `THAT VERB AS alias`: a relationship.
    for (const m of text.matchAll(/\bTHAT\s+!?[A-Z]+\s+AS\s+(\w+)/g)) aliases.set(m[1], 'relationship');
    for (const m of text.matchAll(/\b([a-z]\w*)\.([A-Za-z_]\w*)\b/g)) {
      if (m[1] === 'date') continue; // date.now
      const type = aliases.get(m[1]);
      if (!type) throw new Error(`"${m[1]}" is not an alias in: ${query}`);
      out.push({ type, property: m[2] });
    }
    return out;
  }

  test('every property a query names exists on its type (JupiterOne metadata aside)', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const { query } of queries()) {
      for (const { type, property } of used(query)) {
        checked++;
        if (J1_METADATA.includes(property)) continue;
        const have = type === 'relationship' ? relationshipKeys : keys.get(type);
        if (have?.has(property)) continue;
        missing.push(`${type}.${property}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  test('the property check catches a misspelt property', () => {
    expect(used("FIND cloudflare_dns_zone WITH minTlsVersoin = '1.0' AS zone RETURN zone.name")).toEqual([
      { type: 'cloudflare_dns_zone', property: 'minTlsVersoin' },
      { type: 'cloudflare_dns_zone', property: 'name' },
    ]);
    expect(keys.get('cloudflare_dns_zone')?.has('minTlsVersoin')).toBe(false);
    expect(keys.get('cloudflare_zone_settings')?.has('minTlsVersion')).toBe(true);
    // Zone settings are an entity of their own, no longer properties of the zone.
    expect(keys.get('cloudflare_dns_zone')?.has('minTlsVersion')).toBe(false);
  });
});
