import { Entities, Relationships, Steps } from '../../src/constants';
import { SUPER_ADMIN_ROLE_NAMES } from '../../src/steps/account-roles/converter';
import { R, STEP, SUPER_ADMIN_ROLE, T } from './types';

test("the CLI's type names are the integration's", () => {
  expect(T).toEqual({
    ACCOUNT: Entities.ACCOUNT._type,
    MEMBER: Entities.ACCOUNT_MEMBER._type,
    ROLE: Entities.ACCOUNT_ROLE._type,
    ZONE: Entities.DNS_ZONE._type,
    ZONE_SETTINGS: Entities.ZONE_SETTINGS._type,
    RECORD: Entities.DNS_RECORD._type,
    TOKEN: Entities.API_TOKEN._type,
    ACCESS_USER: Entities.ACCESS_USER._type,
    DEVICE: Entities.DEVICE._type,
    ACCESS_APPLICATION: Entities.ACCESS_APPLICATION._type,
    ACCESS_POLICY: Entities.ACCESS_POLICY._type,
    ACCESS_IDENTITY_PROVIDER: Entities.ACCESS_IDENTITY_PROVIDER._type,
  });
  expect(R).toEqual({
    ACCOUNT_HAS_MEMBER: Relationships.ACCOUNT_HAS_MEMBER._type,
    ACCOUNT_HAS_ZONE: Relationships.ACCOUNT_HAS_ZONE._type,
    ZONE_HAS_RECORD: Relationships.ZONE_HAS_RECORD._type,
    ZONE_HAS_SETTINGS: Relationships.ZONE_HAS_SETTINGS._type,
    MEMBER_ASSIGNED_ROLE: Relationships.MEMBER_ASSIGNED_ROLE._type,
    MEMBER_ALLOWS_ACCOUNT: Relationships.MEMBER_ALLOWS_ACCOUNT._type,
    MEMBER_ALLOWS_ZONE: Relationships.MEMBER_ALLOWS_ZONE._type,
    MEMBER_IS_ACCESS_USER: Relationships.MEMBER_IS_ACCESS_USER._type,
    ACCOUNT_HAS_API_TOKEN: Relationships.ACCOUNT_HAS_API_TOKEN._type,
    ACCOUNT_HAS_ACCESS_USER: Relationships.ACCOUNT_HAS_ACCESS_USER._type,
    TOKEN_ALLOWS_ACCOUNT: Relationships.API_TOKEN_ALLOWS_ACCOUNT._type,
    TOKEN_ALLOWS_ZONE: Relationships.API_TOKEN_ALLOWS_ZONE._type,
  });
  expect(STEP).toEqual({
    MEMBERS: Steps.ACCOUNT_MEMBERS,
    DNS_RECORDS: Steps.DNS_RECORDS,
    ZONES: Steps.ZONES,
    API_TOKENS: Steps.API_TOKENS,
    ACCESS_USERS: Steps.ACCESS_USERS,
    ACCESS_POLICIES: Steps.ACCESS_POLICIES,
    ACCESS_APPLICATIONS: Steps.ACCESS_APPLICATIONS,
    ACCESS_IDENTITY_PROVIDERS: Steps.ACCESS_IDENTITY_PROVIDERS,
  });
  expect([...SUPER_ADMIN_ROLE_NAMES]).toEqual([SUPER_ADMIN_ROLE]);
});
