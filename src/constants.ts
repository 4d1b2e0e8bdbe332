import { RelationshipClass, StepEntityMetadata, StepRelationshipMetadata } from '@jupiterone/integration-sdk-core';

/** Step ids, in the order the steps run. */
export const Steps = {
  ACCOUNTS: 'fetch-accounts',
  CHECK_ACCOUNT_IDS: 'check-account-ids',
  ACTIVITY: 'fetch-activity',
  ACCOUNT_ROLES: 'fetch-account-roles',
  ACCOUNT_MEMBERS: 'fetch-account-members',
  ZONES: 'fetch-zones',
  DNS_RECORDS: 'fetch-dns-records',
  ZONE_SETTINGS: 'fetch-zone-settings',
  MEMBER_ZONE_ACCESS: 'build-member-zone-access',
  API_TOKENS: 'fetch-api-tokens',
  ACCESS_USERS: 'fetch-access-users',
  DEVICES: 'fetch-devices',
  DEVICE_POSTURE_RULES: 'fetch-device-posture-rules',
  GATEWAY_LOCATIONS: 'fetch-gateway-locations',
  TUNNELS: 'fetch-tunnels',
  ACCESS_IDENTITY_PROVIDERS: 'fetch-access-identity-providers',
  ACCESS_GROUPS: 'fetch-access-groups',
  ACCESS_POLICIES: 'fetch-access-policies',
  ACCESS_APPLICATIONS: 'fetch-access-applications',
  ACCESS_POLICY_USERS: 'build-access-policy-user-relationships',
  ACCESS_USER_ACTIVITY: 'build-access-user-activity',
} as const;

export const Entities: Record<
  | 'ACCOUNT'
  | 'ACCOUNT_MEMBER'
  | 'ACCOUNT_ROLE'
  | 'DNS_ZONE'
  | 'ZONE_SETTINGS'
  | 'DNS_RECORD'
  | 'API_TOKEN'
  | 'ACCESS_USER'
  | 'DEVICE'
  | 'DEVICE_POSTURE_RULE'
  | 'GATEWAY_LOCATION'
  | 'TUNNEL'
  | 'ACCESS_IDENTITY_PROVIDER'
  | 'ACCESS_GROUP'
  | 'ACCESS_POLICY'
  | 'ACCESS_APPLICATION',
  StepEntityMetadata
> = {
  ACCOUNT: {
    resourceName: 'Account',
    _type: 'cloudflare_account',
    _class: ['Account'],
  },
  ACCOUNT_MEMBER: {
    resourceName: 'Account Member',
    _type: 'cloudflare_account_member',
    _class: ['User'],
  },
  ACCOUNT_ROLE: {
    resourceName: 'Account Role',
    _type: 'cloudflare_account_role',
    _class: ['AccessRole'],
  },
  DNS_ZONE: {
    resourceName: 'DNS Zone',
    _type: 'cloudflare_dns_zone',
    _class: ['DomainZone'],
  },
  /** A zone's security settings and DNSSEC status, beside the zone (which cannot change once added). */
  ZONE_SETTINGS: {
    resourceName: 'Zone Security Settings',
    _type: 'cloudflare_zone_settings',
    _class: ['Configuration'],
  },
  DNS_RECORD: {
    resourceName: 'DNS Record',
    _type: 'cloudflare_dns_record',
    _class: ['DomainRecord'],
  },
  API_TOKEN: {
    resourceName: 'API Token',
    _type: 'cloudflare_api_token',
    _class: ['AccessKey'],
  },
  ACCESS_USER: {
    resourceName: 'Zero Trust User',
    _type: 'cloudflare_access_user',
    _class: ['User'],
  },
  DEVICE: {
    resourceName: 'Zero Trust Device',
    _type: 'cloudflare_device',
    _class: ['Device'],
  },
  DEVICE_POSTURE_RULE: {
    resourceName: 'Device Posture Rule',
    _type: 'cloudflare_device_posture_rule',
    _class: ['Rule'],
  },
  GATEWAY_LOCATION: {
    resourceName: 'Gateway Location',
    _type: 'cloudflare_gateway_location',
    _class: ['Site'],
  },
  TUNNEL: {
    resourceName: 'Cloudflare Tunnel',
    _type: 'cloudflare_tunnel',
    // Not Gateway: that class requires a `public` flag, and whether a tunnel
    // publishes anything lives in its ingress configuration, which is not
    // read. NetworkEndpoint ("VPN endpoints") claims nothing we cannot back.
    _class: ['NetworkEndpoint'],
  },
  ACCESS_IDENTITY_PROVIDER: {
    resourceName: 'Access Identity Provider',
    _type: 'cloudflare_access_identity_provider',
    _class: ['Service'],
  },
  ACCESS_GROUP: {
    resourceName: 'Access Group',
    _type: 'cloudflare_access_group',
    _class: ['UserGroup'],
  },
  ACCESS_POLICY: {
    resourceName: 'Access Policy',
    _type: 'cloudflare_access_policy',
    _class: ['AccessPolicy'],
  },
  ACCESS_APPLICATION: {
    resourceName: 'Access Application',
    _type: 'cloudflare_access_application',
    _class: ['Application'],
  },
};

type RelationshipName =
  | 'ACCOUNT_HAS_MEMBER'
  | 'ACCOUNT_HAS_ROLE'
  | 'MEMBER_ASSIGNED_ROLE'
  | 'ACCOUNT_HAS_ZONE'
  | 'ZONE_HAS_RECORD'
  | 'ZONE_HAS_SETTINGS'
  | 'MEMBER_ALLOWS_ACCOUNT'
  | 'MEMBER_ALLOWS_ZONE'
  | 'ACCOUNT_HAS_API_TOKEN'
  | 'API_TOKEN_ALLOWS_ACCOUNT'
  | 'API_TOKEN_ALLOWS_ZONE'
  | 'ACCOUNT_HAS_ACCESS_USER'
  | 'MEMBER_IS_ACCESS_USER'
  | 'ACCOUNT_HAS_DEVICE'
  | 'ACCESS_USER_HAS_DEVICE'
  | 'ACCOUNT_HAS_DEVICE_POSTURE_RULE'
  | 'ACCOUNT_HAS_GATEWAY_LOCATION'
  | 'ACCOUNT_HAS_TUNNEL'
  | 'ACCOUNT_HAS_ACCESS_IDENTITY_PROVIDER'
  | 'ACCOUNT_HAS_ACCESS_GROUP'
  | 'ACCOUNT_HAS_ACCESS_POLICY'
  | 'ACCOUNT_HAS_ACCESS_APPLICATION'
  | 'ACCESS_APPLICATION_HAS_POLICY'
  | 'ACCESS_APPLICATION_USES_IDENTITY_PROVIDER'
  | 'ACCESS_POLICY_USES_GROUP'
  | 'ACCESS_POLICY_ASSIGNED_USER'
  | 'ACCESS_USER_USES_APPLICATION';

/** HAS from the account to one of its entities. */
function accountHas(target: StepEntityMetadata): StepRelationshipMetadata {
  return {
    _type: `cloudflare_account_has_${target._type.replace(/^cloudflare_/, '')}`,
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: target._type,
  };
}

function between(
  source: StepEntityMetadata,
  _class: RelationshipClass,
  target: StepEntityMetadata,
  _type: string,
): StepRelationshipMetadata {
  return { _type, sourceType: source._type, _class, targetType: target._type };
}

export const Relationships: Record<RelationshipName, StepRelationshipMetadata> = {
  ACCOUNT_HAS_MEMBER: {
    _type: 'cloudflare_account_has_member',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.ACCOUNT_MEMBER._type,
  },
  ACCOUNT_HAS_ROLE: {
    _type: 'cloudflare_account_has_role',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.ACCOUNT_ROLE._type,
  },
  MEMBER_ASSIGNED_ROLE: {
    _type: 'cloudflare_account_member_assigned_role',
    sourceType: Entities.ACCOUNT_MEMBER._type,
    _class: RelationshipClass.ASSIGNED,
    targetType: Entities.ACCOUNT_ROLE._type,
  },
  ACCOUNT_HAS_ZONE: {
    _type: 'cloudflare_account_has_dns_zone',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DNS_ZONE._type,
  },
  ZONE_HAS_RECORD: {
    _type: 'cloudflare_dns_zone_has_record',
    sourceType: Entities.DNS_ZONE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DNS_RECORD._type,
  },
  ZONE_HAS_SETTINGS: between(
    Entities.DNS_ZONE,
    RelationshipClass.HAS,
    Entities.ZONE_SETTINGS,
    'cloudflare_dns_zone_has_zone_settings',
  ),
  /** Access a member holds on the whole account (roles and account-wide policies, merged). */
  MEMBER_ALLOWS_ACCOUNT: between(
    Entities.ACCOUNT_MEMBER,
    RelationshipClass.ALLOWS,
    Entities.ACCOUNT,
    'cloudflare_account_member_allows_account',
  ),
  /** Access a member holds on one zone through a resource-scoped policy. */
  MEMBER_ALLOWS_ZONE: between(
    Entities.ACCOUNT_MEMBER,
    RelationshipClass.ALLOWS,
    Entities.DNS_ZONE,
    'cloudflare_account_member_allows_dns_zone',
  ),
  ACCOUNT_HAS_API_TOKEN: accountHas(Entities.API_TOKEN),
  API_TOKEN_ALLOWS_ACCOUNT: between(
    Entities.API_TOKEN,
    RelationshipClass.ALLOWS,
    Entities.ACCOUNT,
    'cloudflare_api_token_allows_account',
  ),
  API_TOKEN_ALLOWS_ZONE: between(
    Entities.API_TOKEN,
    RelationshipClass.ALLOWS,
    Entities.DNS_ZONE,
    'cloudflare_api_token_allows_dns_zone',
  ),
  ACCOUNT_HAS_ACCESS_USER: accountHas(Entities.ACCESS_USER),
  MEMBER_IS_ACCESS_USER: between(
    Entities.ACCOUNT_MEMBER,
    RelationshipClass.IS,
    Entities.ACCESS_USER,
    'cloudflare_account_member_is_access_user',
  ),
  ACCOUNT_HAS_DEVICE: accountHas(Entities.DEVICE),
  ACCESS_USER_HAS_DEVICE: between(
    Entities.ACCESS_USER,
    RelationshipClass.HAS,
    Entities.DEVICE,
    'cloudflare_access_user_has_device',
  ),
  ACCOUNT_HAS_DEVICE_POSTURE_RULE: accountHas(Entities.DEVICE_POSTURE_RULE),
  ACCOUNT_HAS_GATEWAY_LOCATION: accountHas(Entities.GATEWAY_LOCATION),
  ACCOUNT_HAS_TUNNEL: accountHas(Entities.TUNNEL),
  ACCOUNT_HAS_ACCESS_IDENTITY_PROVIDER: accountHas(Entities.ACCESS_IDENTITY_PROVIDER),
  ACCOUNT_HAS_ACCESS_GROUP: accountHas(Entities.ACCESS_GROUP),
  ACCOUNT_HAS_ACCESS_POLICY: accountHas(Entities.ACCESS_POLICY),
  ACCOUNT_HAS_ACCESS_APPLICATION: accountHas(Entities.ACCESS_APPLICATION),
  ACCESS_APPLICATION_HAS_POLICY: between(
    Entities.ACCESS_APPLICATION,
    RelationshipClass.HAS,
    Entities.ACCESS_POLICY,
    'cloudflare_access_application_has_policy',
  ),
  ACCESS_APPLICATION_USES_IDENTITY_PROVIDER: between(
    Entities.ACCESS_APPLICATION,
    RelationshipClass.USES,
    Entities.ACCESS_IDENTITY_PROVIDER,
    'cloudflare_access_application_uses_identity_provider',
  ),
  ACCESS_POLICY_USES_GROUP: between(
    Entities.ACCESS_POLICY,
    RelationshipClass.USES,
    Entities.ACCESS_GROUP,
    'cloudflare_access_policy_uses_group',
  ),
  /** A policy whose rules name the user (email, email domain, or a group whose rules do); decision on the edge. */
  ACCESS_POLICY_ASSIGNED_USER: between(
    Entities.ACCESS_POLICY,
    RelationshipClass.ASSIGNED,
    Entities.ACCESS_USER,
    'cloudflare_access_policy_assigned_access_user',
  ),
  /** The user reached the application in the activity window (Access authentication log); counts on the edge. */
  ACCESS_USER_USES_APPLICATION: between(
    Entities.ACCESS_USER,
    RelationshipClass.USES,
    Entities.ACCESS_APPLICATION,
    'cloudflare_access_user_uses_access_application',
  ),
};

/**
 * The mapped relationship to the identity provider's own application (Okta,
 * Entra ID, ...), matched on the client or application id the IdP gave
 * Cloudflare (see steps/access-identity-providers).
 */
export const MappedRelationships = {
  IDP_APPLICATION_CONNECTS_ACCOUNT: {
    _type: 'cloudflare_account_connected_by_idp_application',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.CONNECTS,
    targetType: 'Application',
  },
} as const;
