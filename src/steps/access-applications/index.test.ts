import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import {
  ACME_ADMIN_PANEL_APP,
  ACME_ADMIN_PANEL_INLINE_POLICY,
  ACME_ALLOW_ENGINEERING_POLICY,
  ACME_AZURE_IDP,
  ACME_CONTRACTORS_GROUP,
  ACME_CORP,
  ACME_DENY_CONTRACTOR_POLICY,
  ACME_OKTA_IDP,
  ACME_OTP_IDP,
  ACME_SALESFORCE_APP,
  ACME_STATUS_APP,
  ACME_WIKI_APP,
  ACME_LABS,
  LABS_APP,
  LABS_GITHUB_IDP,
  SANDBOX,
} from '../../../test/fixtures';
import { AccessDataKeys } from '../common/accessRules';

const account = (id: string) => `cloudflare_account:${id}`;
const app = (id: string) => `cloudflare_access_application:${id}`;
const policy = (id: string) => `cloudflare_access_policy:${id}`;
const group = (id: string) => `cloudflare_access_group:${id}`;
const idp = (id: string) => `cloudflare_access_identity_provider:${id}`;
const none = { emails: [], emailDomains: [], groupIds: [], everyone: false };

/** Acme Labs' one app holds a per-app policy; its id is not a fixture. */
const LABS_INLINE_POLICY = realisticDataset().accessAppsByAccount.get(ACME_LABS)![0].policies[0].id;

const startRecording = useRecordings();

describe('fetch-access-applications, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('applications, per-app policies, and their policy and identity provider edges', async () => {
    startRecording({ directory: __dirname, name: 'fetch-access-applications-realistic', recordFailedRequests: true });
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_APPLICATIONS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCESS_APPLICATIONS));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    const apps = ofType(result.collectedEntities, Entities.ACCESS_APPLICATION._type);
    const policies = ofType(result.collectedEntities, Entities.ACCESS_POLICY._type);
    expect(keysOf(apps)).toEqual(
      [ACME_WIKI_APP, ACME_ADMIN_PANEL_APP, ACME_SALESFORCE_APP, ACME_STATUS_APP, LABS_APP].map(app).sort(),
    );
    // Only the per-app policies are new here; the reusable ones came from fetch-access-policies.
    expect(keysOf(policies)).toEqual([ACME_ADMIN_PANEL_INLINE_POLICY, LABS_INLINE_POLICY].map(policy).sort());
    expect(result.collectedEntities).toHaveLength(7);
    for (const e of apps) expect(e).toMatchGraphObjectSchema({ _class: Entities.ACCESS_APPLICATION._class });
    for (const e of policies) expect(e).toMatchGraphObjectSchema({ _class: Entities.ACCESS_POLICY._class });

    const byKey = Object.fromEntries(result.collectedEntities.map((e) => [e._key, e]));
    const { _rawData, ...wiki } = byKey[app(ACME_WIKI_APP)];
    expect(_rawData).toHaveLength(1);
    expect(wiki).toEqual({
      _key: app(ACME_WIKI_APP),
      _type: 'cloudflare_access_application',
      _class: ['Application'],
      id: ACME_WIKI_APP,
      name: 'Internal Wiki',
      displayName: 'Internal Wiki',
      domain: 'wiki.acme.example',
      appType: 'self_hosted',
      aud: realisticDataset().accessAppsByAccount.get(ACME_CORP)![0].aud,
      sessionDuration: '24h',
      enableBindingCookie: false,
      httpOnlyCookieAttribute: true,
      sameSiteCookieAttribute: 'lax',
      allowAuthenticateViaWarp: false,
      skipInterstitial: false,
      allowedIdps: [],
      autoRedirectToIdentity: false,
      appLauncherVisible: true,
      policyCount: 2,
      hasPolicy: true,
      selfHostedDomains: ['wiki.acme.example'],
      tags: ['engineering'],
      accountId: ACME_CORP,
      createdOn: Date.parse('2024-01-05T12:00:00Z'),
      updatedOn: Date.parse('2025-03-03T03:03:03Z'),
    });
    expect(byKey[app(ACME_SALESFORCE_APP)]).toMatchObject({
      appType: 'saas',
      allowedIdps: [ACME_OKTA_IDP],
      autoRedirectToIdentity: true,
      policyCount: 1,
      hasPolicy: true,
    });
    expect(byKey[app(ACME_SALESFORCE_APP)].domain).toBeUndefined();
    // The app with no policy at all.
    expect(byKey[app(ACME_STATUS_APP)]).toMatchObject({ policyCount: 0, hasPolicy: false, appLauncherVisible: false });
    expect(byKey[app(ACME_ADMIN_PANEL_APP)]).toMatchObject({
      allowedIdps: [ACME_OKTA_IDP, ACME_OTP_IDP],
      sessionDuration: '8h',
      policyCount: 1,
      hasPolicy: true,
      // Its cookie and WARP settings, as the simulator serves them.
      enableBindingCookie: true,
      sameSiteCookieAttribute: 'strict',
      allowAuthenticateViaWarp: true,
    });

    // The legacy inline policy, with its email rule lower-cased.
    const { _rawData: inlineRaw, ...inline } = byKey[policy(ACME_ADMIN_PANEL_INLINE_POLICY)];
    expect(inlineRaw).toHaveLength(1);
    expect(inline).toEqual({
      _key: policy(ACME_ADMIN_PANEL_INLINE_POLICY),
      _type: 'cloudflare_access_policy',
      _class: ['AccessPolicy'],
      id: ACME_ADMIN_PANEL_INLINE_POLICY,
      name: 'Admins only',
      displayName: 'Admins only',
      decision: 'allow',
      reusable: false,
      precedence: 1,
      applicationId: ACME_ADMIN_PANEL_APP,
      includeRules: ['email:olivia.nguyen@acme.example', `group:${ACME_CONTRACTORS_GROUP}`],
      requireRules: [`group:${ACME_CONTRACTORS_GROUP}`],
      excludeRules: [],
      appliesToEveryone: false,
      sessionDuration: '24h',
      // Approval, justification and isolation, as the simulator serves them on this per-app policy.
      approvalRequired: true,
      approvalGroupCount: 1,
      approvalsNeeded: [1],
      approverEmails: ['ada.owner@acme.example', 'security@acme.example'],
      purposeJustificationRequired: true,
      purposeJustificationPrompt: 'Why do you need the admin panel?',
      isolationRequired: true,
      accountId: ACME_CORP,
      createdOn: Date.parse('2024-01-05T12:00:00Z'),
      updatedOn: Date.parse('2025-03-03T03:03:03Z'),
    });
    expect(byKey[policy(LABS_INLINE_POLICY)]).toMatchObject({
      name: 'Labs staff',
      reusable: false,
      precedence: 1,
      applicationId: LABS_APP,
      includeRules: ['email_domain:acme.example'],
      accountId: ACME_LABS,
    });

    const rels = result.collectedRelationships;
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_ACCESS_APPLICATION._type)).toEqual(
      [
        ...[ACME_WIKI_APP, ACME_ADMIN_PANEL_APP, ACME_SALESFORCE_APP, ACME_STATUS_APP].map(
          (id) => `${account(ACME_CORP)} -> ${app(id)}`,
        ),
        `${account(ACME_LABS)} -> ${app(LABS_APP)}`,
      ].sort(),
    );
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_ACCESS_POLICY._type)).toEqual(
      [
        `${account(ACME_CORP)} -> ${policy(ACME_ADMIN_PANEL_INLINE_POLICY)}`,
        `${account(ACME_LABS)} -> ${policy(LABS_INLINE_POLICY)}`,
      ].sort(),
    );
    const hasPolicy = ofType(rels, Relationships.ACCESS_APPLICATION_HAS_POLICY._type);
    expect(hasPolicy.map((r) => `${r._fromEntityKey} -> ${r._toEntityKey} @${r.precedence}`).sort()).toEqual(
      [
        `${app(ACME_WIKI_APP)} -> ${policy(ACME_DENY_CONTRACTOR_POLICY)} @1`,
        `${app(ACME_WIKI_APP)} -> ${policy(ACME_ALLOW_ENGINEERING_POLICY)} @2`,
        `${app(ACME_ADMIN_PANEL_APP)} -> ${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} @1`,
        `${app(ACME_SALESFORCE_APP)} -> ${policy(ACME_ALLOW_ENGINEERING_POLICY)} @1`,
        `${app(LABS_APP)} -> ${policy(LABS_INLINE_POLICY)} @1`,
      ].sort(),
    );
    const uses = ofType(rels, Relationships.ACCESS_APPLICATION_USES_IDENTITY_PROVIDER._type);
    expect(uses.map((r) => `${r._fromEntityKey} -> ${r._toEntityKey} implicit=${r.implicit}`).sort()).toEqual(
      [
        // allowed_idps empty: every IdP of the account.
        ...[ACME_OKTA_IDP, ACME_OTP_IDP, ACME_AZURE_IDP].map(
          (id) => `${app(ACME_WIKI_APP)} -> ${idp(id)} implicit=true`,
        ),
        ...[ACME_OKTA_IDP, ACME_OTP_IDP, ACME_AZURE_IDP].map(
          (id) => `${app(ACME_STATUS_APP)} -> ${idp(id)} implicit=true`,
        ),
        ...[ACME_OKTA_IDP, ACME_OTP_IDP].map((id) => `${app(ACME_ADMIN_PANEL_APP)} -> ${idp(id)} implicit=false`),
        // The SaaS app uses Okta only.
        `${app(ACME_SALESFORCE_APP)} -> ${idp(ACME_OKTA_IDP)} implicit=false`,
        `${app(LABS_APP)} -> ${idp(LABS_GITHUB_IDP)} implicit=false`,
      ].sort(),
    );
    const groupUses = ofType(rels, Relationships.ACCESS_POLICY_USES_GROUP._type);
    expect(groupUses.map((r) => `${r._fromEntityKey} -> ${r._toEntityKey} ${r.rule}`).sort()).toEqual(
      [
        `${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} -> ${group(ACME_CONTRACTORS_GROUP)} include`,
        `${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} -> ${group(ACME_CONTRACTORS_GROUP)} require`,
      ].sort(),
    );
    expect(rels).toHaveLength(5 + 2 + 5 + 10 + 2);

    // The per-app policies' rules, for build-access-policy-user-relationships.
    expect(result.collectedData[AccessDataKeys.applicationPolicies(ACME_CORP)]).toEqual({
      [ACME_ADMIN_PANEL_INLINE_POLICY]: {
        decision: 'allow',
        rules: {
          include: { ...none, emails: ['olivia.nguyen@acme.example'], groupIds: [ACME_CONTRACTORS_GROUP] },
          require: { ...none, groupIds: [ACME_CONTRACTORS_GROUP] },
          exclude: none,
        },
      },
    });
    expect(result.collectedData[AccessDataKeys.applicationPolicies(ACME_LABS)]).toEqual({
      [LABS_INLINE_POLICY]: {
        decision: 'allow',
        rules: { include: { ...none, emailDomains: ['acme.example'] }, require: none, exclude: none },
      },
    });
    expect(result.collectedData[AccessDataKeys.applicationPolicies(SANDBOX)]).toBeUndefined();
  });
});

describe('fetch-access-applications: requests (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one request per Access listing and account; Sandbox is asked once, then skipped', async () => {
    await executeStepWithDependencies({
      stepId: Steps.ACCESS_APPLICATIONS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      // fetch-access-groups runs first and learns Sandbox has no Zero Trust; the other steps skip it.
      'GET /accounts/:id/access/groups': 3,
      'GET /accounts/:id/access/identity_providers': 2,
      'GET /accounts/:id/access/policies': 2,
      'GET /accounts/:id/access/apps': 2,
    });
  });
});
