/**
 * The graph's type names, as the integration writes them (src/constants.ts).
 * Repeated here rather than imported: the CLI must run without the SDK, which
 * src/constants pulls in. graph/types.test.ts keeps the two in step.
 */
export const T = {
  ACCOUNT: 'cloudflare_account',
  MEMBER: 'cloudflare_account_member',
  ROLE: 'cloudflare_account_role',
  ZONE: 'cloudflare_dns_zone',
  ZONE_SETTINGS: 'cloudflare_zone_settings',
  RECORD: 'cloudflare_dns_record',
  TOKEN: 'cloudflare_api_token',
  ACCESS_USER: 'cloudflare_access_user',
  DEVICE: 'cloudflare_device',
  ACCESS_APPLICATION: 'cloudflare_access_application',
  ACCESS_POLICY: 'cloudflare_access_policy',
  ACCESS_IDENTITY_PROVIDER: 'cloudflare_access_identity_provider',
} as const;

export const R = {
  ACCOUNT_HAS_MEMBER: 'cloudflare_account_has_member',
  ACCOUNT_HAS_ZONE: 'cloudflare_account_has_dns_zone',
  ZONE_HAS_RECORD: 'cloudflare_dns_zone_has_record',
  ZONE_HAS_SETTINGS: 'cloudflare_dns_zone_has_zone_settings',
  MEMBER_ASSIGNED_ROLE: 'cloudflare_account_member_assigned_role',
  MEMBER_ALLOWS_ACCOUNT: 'cloudflare_account_member_allows_account',
  MEMBER_ALLOWS_ZONE: 'cloudflare_account_member_allows_dns_zone',
  MEMBER_IS_ACCESS_USER: 'cloudflare_account_member_is_access_user',
  ACCOUNT_HAS_API_TOKEN: 'cloudflare_account_has_api_token',
  ACCOUNT_HAS_ACCESS_USER: 'cloudflare_account_has_access_user',
  TOKEN_ALLOWS_ACCOUNT: 'cloudflare_api_token_allows_account',
  TOKEN_ALLOWS_ZONE: 'cloudflare_api_token_allows_dns_zone',
} as const;

/** Exact name (src/steps/account-roles/converter.ts SUPER_ADMIN_ROLE_NAMES). */
export const SUPER_ADMIN_ROLE = 'Super Administrator - All Privileges';

/** Step ids whose outcome (summary.json) tells whether a type was collected. */
export const STEP = {
  MEMBERS: 'fetch-account-members',
  DNS_RECORDS: 'fetch-dns-records',
  ZONES: 'fetch-zones',
  API_TOKENS: 'fetch-api-tokens',
  ACCESS_USERS: 'fetch-access-users',
  ACCESS_POLICIES: 'fetch-access-policies',
  ACCESS_APPLICATIONS: 'fetch-access-applications',
  ACCESS_IDENTITY_PROVIDERS: 'fetch-access-identity-providers',
} as const;
