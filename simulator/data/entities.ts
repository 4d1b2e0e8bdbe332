/**
 * Builders for accounts, members and zones. They only fill in Cloudflare's
 * field layout; callers decide the values, so datasets stay explicit.
 */
import type { SimAccount, SimMember, SimMemberStatus, SimRole, SimZone, SimZoneType } from '../types';
import { hexId } from './random';

export const PLANS = {
  free: { id: '0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee', name: 'Free Website' },
  pro: { id: hexId('plan', 'pro'), name: 'Pro Website' },
  business: { id: hexId('plan', 'business'), name: 'Business Website' },
  enterprise: { id: hexId('plan', 'enterprise'), name: 'Enterprise Website' },
} as const;
export type PlanKey = keyof typeof PLANS;

const NS_NAMES = ['ada', 'bob', 'cruz', 'dana', 'elsa', 'fred', 'gina', 'hank', 'ivan', 'jill', 'kyle', 'lara'];

/** Cloudflare assigns each zone a pair of named nameservers. */
export function cloudflareNameServers(n: number): string[] {
  const first = NS_NAMES[n % NS_NAMES.length];
  const second = NS_NAMES[(n + 5) % NS_NAMES.length];
  return [`${first}.ns.cloudflare.com`, `${second}.ns.cloudflare.com`];
}

export interface AccountOptions {
  id: string;
  name: string;
  type: 'standard' | 'enterprise';
  createdOn: string;
  enforceTwoFactor: boolean;
  abuseContactEmail?: string | null;
  managedBy?: { parent_org_id: string; parent_org_name: string };
}

export function buildAccount(o: AccountOptions): SimAccount {
  const account: SimAccount = {
    id: o.id,
    name: o.name,
    type: o.type,
    settings: {
      enforce_twofactor: o.enforceTwoFactor,
      access_approval_expiry: null,
      use_account_custom_ns_by_default: false,
      abuse_contact_email: o.abuseContactEmail ?? null,
    },
    created_on: o.createdOn,
  };
  if (o.managedBy) account.managed_by = o.managedBy;
  return account;
}

export interface MemberOptions {
  id: string;
  status: SimMemberStatus;
  email: string;
  /** Defaults to `email`; pass null for invites that only carry the top-level email. */
  userEmail?: string | null;
  userId: string | null;
  firstName: string | null;
  lastName: string | null;
  twoFactor: boolean;
  roles: SimRole[];
}

export function buildMember(o: MemberOptions): SimMember {
  return {
    id: o.id,
    email: o.email,
    status: o.status,
    user: {
      id: o.userId,
      email: o.userEmail === undefined ? o.email : o.userEmail,
      first_name: o.firstName,
      last_name: o.lastName,
      two_factor_authentication_enabled: o.twoFactor,
    },
    roles: o.roles,
  };
}

export interface ZoneOptions {
  id: string;
  name: string;
  account: SimAccount;
  status: string;
  type: SimZoneType;
  plan: PlanKey;
  paused?: boolean;
  createdOn: string;
  modifiedOn: string;
  activatedOn: string | null;
  nameServers: string[];
  originalNameServers: string[] | null;
  originalRegistrar?: string | null;
  originalDnshost?: string | null;
}

export function buildZone(o: ZoneOptions): SimZone {
  return {
    id: o.id,
    name: o.name,
    status: o.status,
    paused: o.paused ?? false,
    type: o.type,
    development_mode: 0,
    name_servers: o.nameServers,
    original_name_servers: o.originalNameServers,
    original_registrar: o.originalRegistrar ?? null,
    original_dnshost: o.originalDnshost ?? null,
    created_on: o.createdOn,
    modified_on: o.modifiedOn,
    activated_on: o.activatedOn,
    account: { id: o.account.id, name: o.account.name },
    owner: { id: null, name: o.account.name, type: 'organization' },
    plan: { ...PLANS[o.plan] },
    vanity_name_servers: [],
    meta: { step: 2, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
  };
}
