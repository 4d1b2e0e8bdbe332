import { IntegrationLogger } from '@jupiterone/integration-sdk-core';
import { Entities, Permissions } from '../constants';
import { CloudflareTransport, RequestDescriptor } from './CloudflareTransport';
import {
  CloudflareAccount,
  CloudflareDnsRecord,
  CloudflareMember,
  CloudflareRole,
  CloudflareTokenVerification,
  CloudflareZone,
} from './types';

/**
 * Largest page sizes. Accounts, members and zones: documented maximum 50
 * (spec-2024). Roles: bounds unconfirmed, so we ask for the 50 that the
 * sibling endpoints allow. DNS records: the documented maximum is 5,000,000;
 * we ask for 5,000 so one page of a huge zone stays a few MB in memory, which
 * costs extra requests only for zones above 5,000 records.
 */
export const PAGE_SIZES = {
  accounts: 50,
  members: 50,
  roles: 50,
  zones: 50,
  dnsRecords: 5000,
} as const;

export type PageIteratee<T> = (items: T[]) => Promise<void> | void;

/**
 * Cloudflare v4 endpoints this integration reads. List methods hand each page
 * to `onPage` as it arrives; nothing buffers a whole collection.
 */
export class CloudflareClient {
  constructor(
    private readonly transport: CloudflareTransport,
    private readonly logger: IntegrationLogger,
  ) {}

  /**
   * Token checks run before anything else: one retry only, so a wrong
   * API_BASE_URL or an unreachable network fails in about a second instead
   * of after the full backoff. A rejected token is never retried.
   */
  async verifyUserToken(): Promise<CloudflareTokenVerification> {
    return this.getOne({ path: '/user/tokens/verify', retries: 1 });
  }

  async verifyAccountToken(accountId: string): Promise<CloudflareTokenVerification> {
    return this.getOne({ path: `/accounts/${accountId}/tokens/verify`, retries: 1 });
  }

  /** Any account-level permission reads accounts; we ask for the one members and roles need. */
  async getAccount(accountId: string): Promise<CloudflareAccount> {
    return this.getOne({
      path: `/accounts/${accountId}`,
      permission: Permissions.ACCOUNT_SETTINGS_READ,
      hint: `and check that account ${accountId} in ACCOUNT_IDS is one the token was given access to`,
      resourceTypes: [Entities.ACCOUNT._type],
    });
  }

  iterateAccounts(onPage: PageIteratee<CloudflareAccount>): Promise<void> {
    return this.paginate(
      { path: '/accounts', permission: Permissions.ACCOUNT_SETTINGS_READ, resourceTypes: [Entities.ACCOUNT._type] },
      PAGE_SIZES.accounts,
      onPage,
    );
  }

  iterateRoles(accountId: string, onPage: PageIteratee<CloudflareRole>): Promise<void> {
    return this.paginate(
      {
        path: `/accounts/${accountId}/roles`,
        permission: Permissions.ACCOUNT_SETTINGS_READ,
        resourceTypes: [Entities.ACCOUNT_ROLE._type],
      },
      PAGE_SIZES.roles,
      onPage,
    );
  }

  iterateMembers(accountId: string, onPage: PageIteratee<CloudflareMember>): Promise<void> {
    return this.paginate(
      {
        path: `/accounts/${accountId}/members`,
        permission: Permissions.ACCOUNT_SETTINGS_READ,
        resourceTypes: [Entities.ACCOUNT_MEMBER._type],
      },
      PAGE_SIZES.members,
      onPage,
    );
  }

  /** Zones of one account (`account.id` filter), so each links to its own account. */
  iterateZones(accountId: string, onPage: PageIteratee<CloudflareZone>): Promise<void> {
    return this.paginate(
      {
        path: '/zones',
        query: { 'account.id': accountId },
        permission: Permissions.ZONE_READ,
        resourceTypes: [Entities.DNS_ZONE._type],
      },
      PAGE_SIZES.zones,
      onPage,
    );
  }

  iterateDnsRecords(zoneId: string, onPage: PageIteratee<CloudflareDnsRecord>): Promise<void> {
    return this.paginate(
      {
        path: `/zones/${zoneId}/dns_records`,
        permission: Permissions.DNS_READ,
        resourceTypes: [Entities.DNS_RECORD._type],
      },
      PAGE_SIZES.dnsRecords,
      onPage,
    );
  }

  private async getOne<T>(request: RequestDescriptor): Promise<T> {
    const body = await this.transport.get<T>(request, this.logger);
    return body.result as T;
  }

  /**
   * Page-number pagination: stop on an empty page, or once `page` reaches
   * `result_info.total_pages`; without `total_pages`, on a short page.
   */
  private async paginate<T>(request: RequestDescriptor, perPage: number, onPage: PageIteratee<T>): Promise<void> {
    for (let page = 1; ; page++) {
      const body = await this.transport.get<T[]>(
        { ...request, query: { ...request.query, page, per_page: perPage } },
        this.logger,
      );
      const items = Array.isArray(body.result) ? body.result : [];
      if (items.length === 0) return;
      await onPage(items);
      const info = body.result_info ?? {};
      if (typeof info.total_pages === 'number') {
        if (page >= info.total_pages) return;
      } else if (items.length < (info.per_page ?? perPage)) {
        return;
      }
    }
  }
}
