import {
  createIntegrationEntity,
  createMappedRelationship,
  Entity,
  MappedRelationship,
  RelationshipDirection,
} from '@jupiterone/integration-sdk-core';
import { Entities, MappedRelationships } from '../../constants';
import { accountKey } from '../accounts/converter';
import { CloudflareAccessIdentityProvider } from '../common/accessTypes';
import { required } from '../common/required';

export function identityProviderKey(idpId: string): string {
  return `${Entities.ACCESS_IDENTITY_PROVIDER._type}:${idpId}`;
}

/**
 * IdP `config` keys that are safe to keep in the raw data. Everything else is
 * dropped, so a secret under a name we do not know yet (client_secret today)
 * never reaches the graph.
 */
const SAFE_CONFIG_KEYS = new Set([
  'client_id',
  'directory_id',
  'okta_account',
  'authorization_server_id',
  'onelogin_account',
  'centrify_account',
  'centrify_app_id',
  'ping_env_id',
  'apps_domain',
  'issuer_url',
  'sso_target_url',
  'auth_url',
  'token_url',
  'certs_url',
  'redirect_url',
  'email_claim_name',
  'email_attribute_name',
  'claims',
  'scopes',
  'attributes',
  'support_groups',
  'conditional_access_enabled',
  'prompt',
  'pkce_enabled',
  'sign_request',
]);

/** SCIM settings safe to keep: never `secret`. */
const SAFE_SCIM_KEYS = new Set([
  'enabled',
  'identity_update_behavior',
  'seat_deprovision',
  'user_deprovision',
  'group_member_deprovision',
  'scim_base_url',
]);

function pick(
  object: Record<string, unknown> | null | undefined,
  keys: Set<string>,
): Record<string, unknown> | undefined {
  if (!object || typeof object !== 'object') return undefined;
  return Object.fromEntries(Object.entries(object).filter(([key]) => keys.has(key)));
}

/** The IdP as we keep it in `_rawData`: known fields only, config and SCIM settings allow-listed. */
export function sanitizeIdentityProvider(idp: CloudflareAccessIdentityProvider): CloudflareAccessIdentityProvider {
  const safe: CloudflareAccessIdentityProvider = { id: idp.id };
  if (idp.name !== undefined) safe.name = idp.name;
  if (idp.type !== undefined) safe.type = idp.type;
  const config = pick(idp.config, SAFE_CONFIG_KEYS);
  if (config) safe.config = config;
  const scim = pick(idp.scim_config, SAFE_SCIM_KEYS);
  if (scim) safe.scim_config = scim;
  return safe;
}

function configText(idp: CloudflareAccessIdentityProvider, key: string): string | undefined {
  const value = idp.config?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The id the IdP gave Cloudflare for its own application (OAuth/OIDC client id), if any. */
export function idpClientId(idp: CloudflareAccessIdentityProvider): string | undefined {
  return configText(idp, 'client_id');
}

export function createIdentityProviderEntity(accountId: string, idp: CloudflareAccessIdentityProvider): Entity {
  const id = required(idp.id, 'id');
  const name = idp.name || idp.type || id;
  const scimEnabled = idp.scim_config?.enabled;
  return createIntegrationEntity({
    entityData: {
      source: sanitizeIdentityProvider(idp),
      assign: {
        _key: identityProviderKey(id),
        _type: Entities.ACCESS_IDENTITY_PROVIDER._type,
        _class: Entities.ACCESS_IDENTITY_PROVIDER._class,
        id,
        name,
        displayName: name,
        idpType: idp.type ?? undefined,
        category: ['security'],
        function: ['IAM'],
        clientId: idpClientId(idp),
        directoryId: configText(idp, 'directory_id'),
        oktaAccount: configText(idp, 'okta_account'),
        ssoTargetUrl: configText(idp, 'sso_target_url'),
        scimEnabled: typeof scimEnabled === 'boolean' ? scimEnabled : undefined,
        accountId,
      },
    },
  });
}

/**
 * The IdP's own application (in Okta, Entra ID, ...) CONNECTS the Cloudflare
 * account, found by the client id the IdP issued: that is the id the IdP's
 * integration stores, unlike Cloudflare's IdP id. Undefined without one
 * (one-time PIN, SAML).
 */
export function createIdpApplicationMapping(
  accountId: string,
  idp: CloudflareAccessIdentityProvider,
): MappedRelationship | undefined {
  const clientId = idpClientId(idp);
  if (!clientId) return undefined;
  const source = accountKey(accountId);
  return createMappedRelationship({
    _class: MappedRelationships.IDP_APPLICATION_CONNECTS_ACCOUNT._class,
    _type: MappedRelationships.IDP_APPLICATION_CONNECTS_ACCOUNT._type,
    _key: `${source}|connected_by|${idp.id}`,
    _mapping: {
      relationshipDirection: RelationshipDirection.REVERSE,
      sourceEntityKey: source,
      targetFilterKeys: [['_class', 'clientId']],
      targetEntity: { _class: MappedRelationships.IDP_APPLICATION_CONNECTS_ACCOUNT.targetType, clientId },
      skipTargetCreation: true,
    },
    properties: { idpId: idp.id, idpType: idp.type ?? undefined },
  });
}
