import { IntegrationExecutionConfig, PublishEventLevel } from '@jupiterone/integration-sdk-core';
import {
  createMockExecutionContext,
  createMockStepExecutionContext,
  executeStepWithDependencies,
} from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig, parseConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { createRun, executionConfigFor } from '../../execution';
import { validateInvocation } from '../../validateInvocation';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS } from '../../../simulator';
import {
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_DISABLED_TOKEN,
  ACME_DNS_TOKEN,
  ACME_EXPIRED_TOKEN,
  ACME_EXPIRING_TOKEN,
  ACME_LABS,
  ACME_READ_TOKEN,
  ACME_SHOP_ZONE,
  ACME_UNUSED_TOKEN,
  ACME_ZONE,
  ACMELABS_ZONE,
  DENY_USER_TOKEN,
  LABS_TOKEN,
  PERSONAL_USER_TOKEN,
  SANDBOX,
  SANDBOX_ZONE,
  SIM_USER_TOKEN,
} from '../../../test/fixtures';
import { fetchAccounts } from '../accounts';
import { fetchZones } from '../zones';
import { fetchApiTokens } from '.';

const token = (id: string) => `cloudflare_api_token:${id}`;
const account = (id: string) => `cloudflare_account:${id}`;
const zone = (id: string) => `cloudflare_dns_zone:${id}`;
const ACCOUNT_TOKENS = [
  ACME_DNS_TOKEN,
  ACME_READ_TOKEN,
  ACME_EXPIRED_TOKEN,
  ACME_DISABLED_TOKEN,
  ACME_EXPIRING_TOKEN,
  ACME_UNUSED_TOKEN,
  LABS_TOKEN,
];
const USER_TOKENS = [SIM_USER_TOKEN, PERSONAL_USER_TOKEN, DENY_USER_TOKEN];

const startRecording = useRecordings();

/** Steps run in one context with the run's token kind set by validateInvocation, as a real run does. */
async function runValidated(config: IntegrationConfig) {
  const executionConfig: IntegrationExecutionConfig = executionConfigFor(createRun(parseConfig(config)));
  await validateInvocation({ ...createMockExecutionContext({ instanceConfig: config }), executionConfig });
  const context = { ...createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config }), executionConfig };
  return context;
}

describe('fetch-api-tokens, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('account and user tokens, expired and disabled included; HAS and ALLOWS edges exactly', async () => {
    startRecording({ directory: __dirname, name: 'fetch-api-tokens-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.API_TOKENS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.API_TOKENS));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);
    expect(keysOf(result.collectedEntities)).toEqual([...ACCOUNT_TOKENS, ...USER_TOKENS].map(token).sort());
    for (const entity of result.collectedEntities) {
      expect(entity).toMatchGraphObjectSchema({ _class: Entities.API_TOKEN._class });
      expect(JSON.stringify(entity)).not.toMatch(/"value"/);
    }
    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));

    expect(byKey[token(ACME_DNS_TOKEN)]).toMatchObject({
      name: 'DNS edit: acme.example and CDN',
      status: 'active',
      active: true,
      expired: false,
      ownerType: 'account',
      accountId: ACME_CORP,
      issuedOn: Date.parse('2024-02-01T10:00:00Z'),
      modifiedOn: Date.parse('2024-08-01T10:00:00.500Z'),
      lastUsedOn: Date.parse('2025-06-30T23:59:59.999Z'),
      permissionGroups: ['DNS Write', 'Zone Read'],
      allowedIps: ['192.0.2.0/24', '2001:db8::/32'],
      deniedIps: ['192.0.2.7/32'],
      policyCount: 1,
      canEdit: true,
      userScoped: false,
    });
    // Cloudflare's tokens name no creator: nothing claims one.
    expect(result.collectedEntities.filter((e) => e.createdBy !== undefined)).toEqual([]);
    expect(byKey[token(ACME_EXPIRED_TOKEN)]).toMatchObject({
      status: 'expired',
      active: false,
      expired: true,
      expiresOn: Date.parse('2024-01-01T00:00:00Z'),
      notBefore: Date.parse('2022-01-01T00:00:00Z'),
      canEdit: true,
    });
    expect(byKey[token(ACME_DISABLED_TOKEN)]).toMatchObject({ status: 'disabled', active: false, expired: false });
    expect(byKey[token(ACME_UNUSED_TOKEN)].lastUsedOn).toBeUndefined();
    expect(byKey[token(ACME_READ_TOKEN)]).toMatchObject({
      canEdit: false,
      permissionGroups: ['Account Settings Read', 'Zone Read', 'DNS Read', 'Zero Trust Read'],
    });
    expect(byKey[token(SIM_USER_TOKEN)]).toMatchObject({ ownerType: 'user', name: 'graph-cloudflare read-only' });
    expect(byKey[token(SIM_USER_TOKEN)].accountId).toBeUndefined();
    expect(byKey[token(PERSONAL_USER_TOKEN)]).toMatchObject({ ownerType: 'user', userScoped: true, canEdit: true });
    expect(byKey[token(DENY_USER_TOKEN)]).toMatchObject({
      permissionGroups: ['Zone Read', 'DNS Write'],
      deniedPermissionGroups: ['DNS Write'],
      canEdit: false,
    });

    const rels = result.collectedRelationships;
    // Account tokens belong to their account; user tokens to every account their allow policies reach,
    // Sandbox (Zero Trust off) included.
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_API_TOKEN._type)).toEqual(
      [
        ...[
          ACME_DNS_TOKEN,
          ACME_READ_TOKEN,
          ACME_EXPIRED_TOKEN,
          ACME_DISABLED_TOKEN,
          ACME_EXPIRING_TOKEN,
          ACME_UNUSED_TOKEN,
        ].map((id) => `${account(ACME_CORP)} -> ${token(id)}`),
        `${account(ACME_LABS)} -> ${token(LABS_TOKEN)}`,
        ...[ACME_CORP, ACME_LABS, SANDBOX].map((a) => `${account(a)} -> ${token(SIM_USER_TOKEN)}`),
        `${account(SANDBOX)} -> ${token(PERSONAL_USER_TOKEN)}`,
        `${account(ACME_LABS)} -> ${token(DENY_USER_TOKEN)}`,
      ].sort(),
    );
    const allows = (type: string) =>
      ofType(rels, type)
        .map(
          (r) =>
            `${String(r._fromEntityKey)} -> ${String(r._toEntityKey)} ${String(r.effect)} [${String(r.permissionGroups)}] edit=${String(r.canEdit)}${r.allZones ? ' allZones' : ''}`,
        )
        .sort();
    expect(allows(Relationships.API_TOKEN_ALLOWS_ZONE._type)).toEqual(
      [
        `${token(ACME_DNS_TOKEN)} -> ${zone(ACME_ZONE)} allow [DNS Write, Zone Read] edit=true`,
        `${token(ACME_DNS_TOKEN)} -> ${zone(ACME_CDN_ZONE)} allow [DNS Write, Zone Read] edit=true`,
        `${token(ACME_DISABLED_TOKEN)} -> ${zone(ACME_SHOP_ZONE)} allow [Zone Settings Write, Zone Write] edit=true`,
        `${token(LABS_TOKEN)} -> ${zone(ACMELABS_ZONE)} allow [DNS Write] edit=true`,
        `${token(PERSONAL_USER_TOKEN)} -> ${zone(SANDBOX_ZONE)} allow [DNS Write] edit=true`,
        `${token(DENY_USER_TOKEN)} -> ${zone(ACMELABS_ZONE)} deny [DNS Write] edit=false`,
      ].sort(),
    );
    expect(allows(Relationships.API_TOKEN_ALLOWS_ACCOUNT._type)).toEqual(
      [
        `${token(ACME_READ_TOKEN)} -> ${account(ACME_CORP)} allow [Account Settings Read, Zone Read, DNS Read, Zero Trust Read] edit=false`,
        `${token(ACME_EXPIRED_TOKEN)} -> ${account(ACME_CORP)} allow [Workers Scripts Write, Zone Read] edit=true`,
        // com.cloudflare.api.account.zone.* on an account-owned token: its own account only.
        `${token(ACME_EXPIRING_TOKEN)} -> ${account(ACME_CORP)} allow [Cache Purge] edit=false allZones`,
        `${token(ACME_UNUSED_TOKEN)} -> ${account(ACME_CORP)} allow [Access: Apps and Policies Read, Access: Organizations, Identity Providers, and Groups Read] edit=false`,
        ...[ACME_CORP, ACME_LABS, SANDBOX].map(
          (a) =>
            `${token(SIM_USER_TOKEN)} -> ${account(a)} allow [Account Settings Read, Zone Read, DNS Read, Zone Settings Read, Zero Trust Read] edit=false`,
        ),
        `${token(DENY_USER_TOKEN)} -> ${account(ACME_LABS)} allow [Zone Read, DNS Write] edit=true`,
      ].sort(),
    );
    expect(rels).toHaveLength(12 + 6 + 8);
    // allow and deny edges carry the effect in their key.
    expect(ofType(rels, Relationships.API_TOKEN_ALLOWS_ZONE._type).find((r) => r.effect === 'deny')?._key).toBe(
      `${token(DENY_USER_TOKEN)}|deny|${zone(ACMELABS_ZONE)}`,
    );
  });
});

describe('fetch-api-tokens (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one listing per account (expired included) and one of /user/tokens', async () => {
    const context = await runValidated(realistic.config());
    await fetchAccounts(context);
    await fetchZones(context);
    realistic.sim.resetStats();
    await fetchApiTokens(context);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts/:id/tokens': 3, 'GET /user/tokens': 1 });
    expect(ofType(context.jobState.collectedEntities, Entities.API_TOKEN._type)).toHaveLength(10);
  });

  test('without the token permissions: warnings and warn events naming them, the step succeeds, accounts and zones are whole', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noApiTokensRead }),
    });
    await fetchAccounts(context);
    await fetchZones(context);
    const entitiesBefore = context.jobState.collectedEntities.length;
    const warn = jest.spyOn(context.logger, 'warn');
    const publish = jest.spyOn(context.logger, 'publishEvent');
    await expect(fetchApiTokens(context)).resolves.toBeUndefined();

    expect(context.jobState.collectedEntities).toHaveLength(entitiesBefore);
    expect(ofType(context.jobState.collectedEntities, Entities.ACCOUNT._type)).toHaveLength(3);
    expect(ofType(context.jobState.collectedEntities, Entities.DNS_ZONE._type)).toHaveLength(
      realisticDataset().zones.length,
    );
    const warnings = warn.mock.calls.map((call) => String(call[1]));
    expect(warnings).toHaveLength(4);
    for (const accountId of [ACME_CORP, ACME_LABS, SANDBOX]) {
      expect(warnings).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Skipped API tokens of account ${accountId}: the token may not read them\\. Grant the token "Account API Tokens Read" for this account`,
          ),
        ),
      );
    }
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^Skipped the user-owned API tokens \(\/user\/tokens\): the token may not read them\. Grant the token "API Tokens Read \(user\)" \(Cloudflare dashboard > My Profile > API Tokens > Edit\)\. Everything else is still collected\. \(.*403.*10000 Authentication error.*\)$/,
      ),
    );
    expect(warn.mock.calls.find((call) => String(call[1]).startsWith('Skipped the user-owned'))?.[0]).toEqual({
      permission: 'API Tokens Read (user)',
    });
    expect(publish.mock.calls.map(([event]) => [event.name, event.level])).toEqual(
      Array(4).fill(['permission_missing', PublishEventLevel.Warn]),
    );
    expect(publish.mock.calls.map(([event]) => event.description).sort()).toEqual([...warnings].sort());
  });

  test('an account-owned token (validateInvocation says so) lists its account and never asks /user/tokens', async () => {
    const context = await runValidated(realistic.config({ apiToken: SIM_TOKENS.accountOwned, accountIds: ACME_CORP }));
    await fetchAccounts(context);
    await fetchZones(context);
    realistic.sim.resetStats();
    const info = jest.spyOn(context.logger, 'info');
    await fetchApiTokens(context);
    expect(realistic.sim.stats.byRoute).toEqual({ 'GET /accounts/:id/tokens': 1 });
    expect(keysOf(ofType(context.jobState.collectedEntities, Entities.API_TOKEN._type))).toEqual(
      ACCOUNT_TOKENS.filter((id) => id !== LABS_TOKEN)
        .map(token)
        .sort(),
    );
    expect(info).toHaveBeenCalledWith(
      'The API token is account-owned, so there are no user-owned API tokens to list (/user/tokens).',
    );
  });
});

describe('fetch-api-tokens: a token id in both listings (live simulator)', () => {
  const realistic = useSimulator(() => {
    const dataset = realisticDataset();
    const dnsToken = dataset.accountTokensByAccount.get(ACME_CORP)!.find((t) => t.id === ACME_DNS_TOKEN)!;
    dataset.userTokens.push({ ...dnsToken });
    return dataset;
  });

  test('is one entity, the account-owned one, with its edges once', async () => {
    const result = await executeStepWithDependencies({
      stepId: Steps.API_TOKENS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);
    expect(result.collectedEntities).toHaveLength(10);
    expect(result.collectedEntities.find((e) => e._key === token(ACME_DNS_TOKEN))).toMatchObject({
      ownerType: 'account',
      accountId: ACME_CORP,
    });
    expect(result.collectedRelationships.filter((r) => r._toEntityKey === token(ACME_DNS_TOKEN))).toHaveLength(1);
    expect(result.collectedRelationships.filter((r) => r._fromEntityKey === token(ACME_DNS_TOKEN))).toHaveLength(2);
    expect(result.collectedRelationships).toHaveLength(26);
  });
});
