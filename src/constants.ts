import { RelationshipClass, StepEntityMetadata, StepRelationshipMetadata } from '@jupiterone/integration-sdk-core';

/** Step ids, in the order the steps run. */
export const Steps = {
  ACCOUNTS: 'fetch-accounts',
  CHECK_ACCOUNT_IDS: 'check-account-ids',
  ACCOUNT_ROLES: 'fetch-account-roles',
  ACCOUNT_MEMBERS: 'fetch-account-members',
  ZONES: 'fetch-zones',
  DNS_RECORDS: 'fetch-dns-records',
} as const;

/**
 * Ingestion sources: areas a JupiterOne user can switch off (ingestionConfig
 * in src/index.ts; each step of an area names its source).
 */
export const IngestionSources = {
  DNS_RECORDS: 'dns-records',
} as const;

export const Entities: Record<
  'ACCOUNT' | 'ACCOUNT_MEMBER' | 'ACCOUNT_ROLE' | 'DNS_ZONE' | 'DNS_RECORD',
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
  DNS_RECORD: {
    resourceName: 'DNS Record',
    _type: 'cloudflare_dns_record',
    _class: ['DomainRecord'],
  },
};

export const Relationships: Record<
  'ACCOUNT_HAS_MEMBER' | 'ACCOUNT_HAS_ROLE' | 'MEMBER_ASSIGNED_ROLE' | 'ACCOUNT_HAS_ZONE' | 'ZONE_HAS_RECORD',
  StepRelationshipMetadata
> = {
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
};
