import { Entities } from '../../constants';
import { edgesOf } from '../../../test/graph';
import { GroupRuleData, ruleSetData } from '../common/accessRules';
import { CloudflareAccessApplication, CloudflareAccessPolicy } from '../common/accessTypes';
import {
  accessApplicationKey,
  ApplicationContext,
  convertApplication,
  createAccessApplicationEntity,
} from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const OKTA = 'idp-okta';
const OTP = 'idp-otp';
const ALLOW_ENGINEERING = 'policy-allow-engineering';
const DENY_CONTRACTOR = 'policy-deny-contractor';
const ENGINEERING = 'group-engineering';
const EVERYONE_GROUP = 'group-everyone';

const groups: GroupRuleData = {
  [ENGINEERING]: ruleSetData({ include: [{ email_domain: { domain: 'acme.example' } }] }),
  [EVERYONE_GROUP]: ruleSetData({ include: [{ everyone: {} }] }),
};

const context: ApplicationContext = {
  reusablePolicyIds: new Set([ALLOW_ENGINEERING, DENY_CONTRACTOR]),
  reusablePoliciesListed: true,
  identityProviderIds: [OKTA, OTP],
  groups,
  groupCollected: (key) => key === `cloudflare_access_group:${ENGINEERING}`,
};

const app = (fields: Partial<CloudflareAccessApplication>): CloudflareAccessApplication => ({
  id: 'app-1',
  name: 'Wiki',
  domain: 'wiki.acme.example',
  type: 'self_hosted',
  ...fields,
});

const account = `cloudflare_account:${ACCOUNT}`;
const appKey = (id: string) => `cloudflare_access_application:${id}`;
const policyKey = (id: string) => `cloudflare_access_policy:${id}`;
const idpKey = (id: string) => `cloudflare_access_identity_provider:${id}`;

describe('createAccessApplicationEntity', () => {
  test('exact properties', () => {
    const source = app({
      aud: 'aud-tag',
      session_duration: '24h',
      enable_binding_cookie: true,
      http_only_cookie_attribute: true,
      same_site_cookie_attribute: 'strict',
      allow_authenticate_via_warp: false,
      skip_interstitial: true,
      allowed_idps: [OKTA],
      auto_redirect_to_identity: true,
      app_launcher_visible: false,
      self_hosted_domains: ['wiki.acme.example'],
      policies: [
        { id: ALLOW_ENGINEERING, precedence: 1 },
        { id: DENY_CONTRACTOR, precedence: 2 },
      ],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00.5Z',
    });
    const entity = createAccessApplicationEntity(ACCOUNT, source);
    expect(entity).toEqual({
      _key: appKey('app-1'),
      _type: 'cloudflare_access_application',
      _class: ['Application'],
      id: 'app-1',
      name: 'Wiki',
      displayName: 'Wiki',
      domain: 'wiki.acme.example',
      appType: 'self_hosted',
      aud: 'aud-tag',
      sessionDuration: '24h',
      enableBindingCookie: true,
      httpOnlyCookieAttribute: true,
      sameSiteCookieAttribute: 'strict',
      allowAuthenticateViaWarp: false,
      skipInterstitial: true,
      allowedIdps: [OKTA],
      autoRedirectToIdentity: true,
      appLauncherVisible: false,
      policyCount: 2,
      hasPolicy: true,
      selfHostedDomains: ['wiki.acme.example'],
      accountId: ACCOUNT,
      createdOn: Date.parse('2024-01-01T00:00:00Z'),
      updatedOn: Date.parse('2024-01-02T00:00:00.500Z'),
      _rawData: [{ name: 'default', rawData: source }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_APPLICATION._class });
  });

  test('no policies (absent, empty or id-less entries): hasPolicy false; a nameless app is named by its domain', () => {
    for (const policies of [undefined, null, [], [{ id: '' }]]) {
      expect(createAccessApplicationEntity(ACCOUNT, app({ name: null, policies }))).toMatchObject({
        name: 'wiki.acme.example',
        policyCount: 0,
        hasPolicy: false,
        allowedIdps: [],
      });
    }
  });

  test('key', () => {
    expect(accessApplicationKey('app-1')).toBe('cloudflare_access_application:app-1');
  });
});

describe('convertApplication', () => {
  test('reusable policies by reference: edges only, no policy entities; all IdPs implicitly', () => {
    const graph = convertApplication(
      ACCOUNT,
      app({
        policies: [
          { id: ALLOW_ENGINEERING, precedence: 1 },
          { id: DENY_CONTRACTOR, precedence: 2 },
        ],
      }),
      context,
    );
    expect(graph.entities.map((e) => e._key)).toEqual([appKey('app-1')]);
    expect(edgesOf(graph.relationships)).toEqual(
      [
        `${account} -> ${appKey('app-1')}`,
        `${appKey('app-1')} -> ${policyKey(ALLOW_ENGINEERING)}`,
        `${appKey('app-1')} -> ${policyKey(DENY_CONTRACTOR)}`,
        `${appKey('app-1')} -> ${idpKey(OKTA)}`,
        `${appKey('app-1')} -> ${idpKey(OTP)}`,
      ].sort(),
    );
    const has = graph.relationships.filter((r) => r._type === 'cloudflare_access_application_has_policy');
    expect(has.map((r) => [r._toEntityKey, r.precedence])).toEqual([
      [policyKey(ALLOW_ENGINEERING), 1],
      [policyKey(DENY_CONTRACTOR), 2],
    ]);
    const uses = graph.relationships.filter((r) => r._type === 'cloudflare_access_application_uses_identity_provider');
    expect(uses.map((r) => r.implicit)).toEqual([true, true]);
    expect(graph.inlinePolicies).toEqual({});
    expect(graph.unknownIdpIds).toEqual([]);
  });

  test('a legacy inline policy becomes an entity with its account and group edges, and its rules are passed on', () => {
    const inline = {
      id: 'inline-1',
      name: 'Legacy',
      decision: 'allow',
      precedence: 1,
      include: [{ email: { email: 'Ada@Acme.Example' } }, { group: { id: ENGINEERING } }, { group: { id: 'gone' } }],
    };
    const graph = convertApplication(ACCOUNT, app({ policies: [inline], allowed_idps: [OKTA] }), context);
    expect(graph.entities.map((e) => e._key)).toEqual([appKey('app-1'), policyKey('inline-1')]);
    expect(graph.entities[1]).toMatchObject({
      reusable: false,
      precedence: 1,
      applicationId: 'app-1',
      decision: 'allow',
      includeRules: ['email:ada@acme.example', `group:${ENGINEERING}`, 'group:gone'],
      appliesToEveryone: false,
    });
    expect(graph.entities[0]).toMatchObject({ policyCount: 1, hasPolicy: true });
    expect(edgesOf(graph.relationships)).toEqual(
      [
        `${account} -> ${appKey('app-1')}`,
        `${account} -> ${policyKey('inline-1')}`,
        `${policyKey('inline-1')} -> cloudflare_access_group:${ENGINEERING}`,
        `${appKey('app-1')} -> ${policyKey('inline-1')}`,
        `${appKey('app-1')} -> ${idpKey(OKTA)}`,
      ].sort(),
    );
    expect(graph.inlinePolicies).toEqual({
      'inline-1': {
        decision: 'allow',
        rules: {
          include: {
            emails: ['ada@acme.example'],
            emailDomains: [],
            groupIds: [ENGINEERING, 'gone'],
            everyone: false,
          },
          require: { emails: [], emailDomains: [], groupIds: [], everyone: false },
          exclude: { emails: [], emailDomains: [], groupIds: [], everyone: false },
        },
      },
    });
  });

  test('an inline policy for everyone (through a group) is flagged', () => {
    const graph = convertApplication(
      ACCOUNT,
      app({ policies: [{ id: 'inline-2', decision: 'bypass', include: [{ group: { id: EVERYONE_GROUP } }] }] }),
      context,
    );
    expect(graph.entities[1]).toMatchObject({ appliesToEveryone: true, decision: 'bypass' });
  });

  test('reusable is decided by the reusable list, never by a flag on the embedded entry', () => {
    // Cloudflare sends no `reusable` on an app's entries; one that claims it is still judged by the list.
    const claimed = { id: 'unlisted', reusable: true, precedence: 4, decision: 'deny' } as CloudflareAccessPolicy;
    const graph = convertApplication(ACCOUNT, app({ policies: [claimed] }), context);
    expect(graph.entities[1]).toMatchObject({ reusable: false, precedence: 4, applicationId: 'app-1' });
  });

  test('when the reusable list was not read in full, an entry not in it is of unknown kind: reusable left out', () => {
    const graph = convertApplication(
      ACCOUNT,
      app({ policies: [{ id: 'unknown-kind', precedence: 4, decision: 'deny' }] }),
      { ...context, reusablePolicyIds: new Set(), reusablePoliciesListed: false },
    );
    expect(graph.entities).toHaveLength(2);
    expect(graph.entities[1]).toMatchObject({ decision: 'deny', precedence: 4 });
    expect(graph.entities[1].reusable).toBeUndefined();
    expect(graph.entities[1].applicationId).toBeUndefined();
  });

  test('SaaS app with allowed_idps: USES only those collected (explicit), the rest reported', () => {
    const graph = convertApplication(
      ACCOUNT,
      app({ type: 'saas', allowed_idps: [OKTA, 'idp-unknown', OKTA], policies: [] }),
      context,
    );
    const uses = graph.relationships.filter((r) => r._type === 'cloudflare_access_application_uses_identity_provider');
    expect(uses.map((r) => [r._toEntityKey, r.implicit])).toEqual([[idpKey(OKTA), false]]);
    expect(graph.unknownIdpIds).toEqual(['idp-unknown']);
    expect(graph.entities[0]).toMatchObject({ hasPolicy: false, policyCount: 0 });
  });

  test('no IdPs collected: no USES edges', () => {
    const graph = convertApplication(ACCOUNT, app({}), { ...context, identityProviderIds: [] });
    expect(edgesOf(graph.relationships)).toEqual([`${account} -> ${appKey('app-1')}`]);
  });
});
