import { RelationshipDirection } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { CloudflareAccessIdentityProvider } from '../common/accessTypes';
import {
  createIdentityProviderEntity,
  createIdpApplicationMapping,
  identityProviderKey,
  sanitizeIdentityProvider,
} from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const OKTA_ID = 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415';
const AZURE_ID = '0b4e1c4a-1c1a-4f5e-9a53-1d1f2e3a4b5c';

const okta: CloudflareAccessIdentityProvider = {
  id: OKTA_ID,
  name: 'Acme Okta',
  type: 'okta',
  config: {
    client_id: '0oa1acmeoktaclient',
    client_secret: 'okta-client-secret-value',
    okta_account: 'https://acme.okta.com',
    authorization_server_id: 'aus9o8wzkhckw9TLa0h7',
    claims: ['email', 'groups'],
    some_new_secret_field: 'not-on-the-allow-list',
  },
  scim_config: {
    enabled: true,
    secret: 'scim-bearer-secret-value',
    user_deprovision: true,
    seat_deprovision: false,
    identity_update_behavior: 'automatic',
  },
};

const SECRETS = ['okta-client-secret-value', 'scim-bearer-secret-value', 'not-on-the-allow-list'];

describe('createIdentityProviderEntity', () => {
  test('Okta: exact properties, client id kept, secrets nowhere (raw data included)', () => {
    const entity = createIdentityProviderEntity(ACCOUNT, okta);
    const raw = {
      id: OKTA_ID,
      name: 'Acme Okta',
      type: 'okta',
      config: {
        client_id: '0oa1acmeoktaclient',
        okta_account: 'https://acme.okta.com',
        authorization_server_id: 'aus9o8wzkhckw9TLa0h7',
        claims: ['email', 'groups'],
      },
      scim_config: {
        enabled: true,
        user_deprovision: true,
        seat_deprovision: false,
        identity_update_behavior: 'automatic',
      },
    };
    expect(entity).toEqual({
      _key: `cloudflare_access_identity_provider:${OKTA_ID}`,
      _type: 'cloudflare_access_identity_provider',
      _class: ['Service'],
      id: OKTA_ID,
      name: 'Acme Okta',
      displayName: 'Acme Okta',
      idpType: 'okta',
      category: ['security'],
      function: ['IAM'],
      clientId: '0oa1acmeoktaclient',
      oktaAccount: 'https://acme.okta.com',
      scimEnabled: true,
      accountId: ACCOUNT,
      _rawData: [{ name: 'default', rawData: raw }],
    });
    const text = JSON.stringify(entity);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('client_secret');
    expect(text).not.toContain('"secret"');
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_IDENTITY_PROVIDER._class });
  });

  test('Azure AD: client id and directory id', () => {
    const entity = createIdentityProviderEntity(ACCOUNT, {
      id: AZURE_ID,
      name: 'Entra ID',
      type: 'azureAD',
      config: {
        client_id: '8f2c3b1a-5d4e-4c3b-9a2f-1e0d9c8b7a6f',
        client_secret: 'azure-secret',
        directory_id: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        support_groups: true,
      },
    });
    expect(entity).toMatchObject({
      idpType: 'azureAD',
      clientId: '8f2c3b1a-5d4e-4c3b-9a2f-1e0d9c8b7a6f',
      directoryId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    expect(entity.scimEnabled).toBeUndefined();
    expect(JSON.stringify(entity)).not.toContain('azure-secret');
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_IDENTITY_PROVIDER._class });
  });

  test('one-time PIN: no config at all, no client id; name falls back to the type', () => {
    const entity = createIdentityProviderEntity(ACCOUNT, { id: 'otp-1', name: null, type: 'onetimepin', config: {} });
    expect(entity).toEqual({
      _key: 'cloudflare_access_identity_provider:otp-1',
      _type: 'cloudflare_access_identity_provider',
      _class: ['Service'],
      id: 'otp-1',
      name: 'onetimepin',
      displayName: 'onetimepin',
      idpType: 'onetimepin',
      category: ['security'],
      function: ['IAM'],
      accountId: ACCOUNT,
      _rawData: [{ name: 'default', rawData: { id: 'otp-1', name: null, type: 'onetimepin', config: {} } }],
    });
  });

  test('SAML: sso target url', () => {
    const entity = createIdentityProviderEntity(ACCOUNT, {
      id: 'saml-1',
      name: 'SAML',
      type: 'saml',
      config: { sso_target_url: 'https://idp.example/sso', issuer_url: 'https://idp.example' },
    });
    expect(entity).toMatchObject({ ssoTargetUrl: 'https://idp.example/sso', idpType: 'saml' });
    expect(entity.clientId).toBeUndefined();
  });

  test('an IdP without an id is refused, naming the field', () => {
    expect(() =>
      createIdentityProviderEntity(ACCOUNT, { id: null } as unknown as CloudflareAccessIdentityProvider),
    ).toThrow('its id is null');
  });

  test('key', () => {
    expect(identityProviderKey(OKTA_ID)).toBe(`cloudflare_access_identity_provider:${OKTA_ID}`);
  });
});

describe('sanitizeIdentityProvider', () => {
  test('drops unknown top-level fields, config keys off the allow-list and the SCIM secret', () => {
    const sanitized = sanitizeIdentityProvider({
      ...okta,
      extra_top_level: 'x',
    } as CloudflareAccessIdentityProvider);
    expect(Object.keys(sanitized).sort()).toEqual(['config', 'id', 'name', 'scim_config', 'type']);
    expect(Object.keys(sanitized.config!).sort()).toEqual([
      'authorization_server_id',
      'claims',
      'client_id',
      'okta_account',
    ]);
    expect(sanitized.scim_config).not.toHaveProperty('secret');
    // The original is left as it was.
    expect(okta.config).toHaveProperty('client_secret');
  });
});

describe('createIdpApplicationMapping', () => {
  test('Okta: the IdP application CONNECTS the account, found by its client id', () => {
    expect(createIdpApplicationMapping(ACCOUNT, okta)).toEqual({
      _key: `cloudflare_account:${ACCOUNT}|connected_by|${OKTA_ID}`,
      _type: 'cloudflare_account_connected_by_idp_application',
      _class: 'CONNECTS',
      displayName: 'CONNECTS',
      idpId: OKTA_ID,
      idpType: 'okta',
      _mapping: {
        relationshipDirection: RelationshipDirection.REVERSE,
        sourceEntityKey: `cloudflare_account:${ACCOUNT}`,
        targetFilterKeys: [['_class', 'clientId']],
        targetEntity: { _class: 'Application', clientId: '0oa1acmeoktaclient' },
        skipTargetCreation: true,
      },
    });
  });

  test('no client id, no mapping', () => {
    expect(createIdpApplicationMapping(ACCOUNT, { id: 'otp-1', type: 'onetimepin', config: {} })).toBeUndefined();
    expect(createIdpApplicationMapping(ACCOUNT, { id: 'x', type: 'oidc', config: { client_id: ' ' } })).toBeUndefined();
    expect(createIdpApplicationMapping(ACCOUNT, { id: 'x', type: 'saml', config: null })).toBeUndefined();
  });
});
