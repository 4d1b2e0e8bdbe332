import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareAccount } from '../../client/types';
import { Entities } from '../../constants';
import { required } from '../common/required';
import { toEpochMs } from '../../util/time';

export function accountKey(accountId: string): string {
  return `${Entities.ACCOUNT._type}:${accountId}`;
}

export function createAccountEntity(account: CloudflareAccount): Entity {
  const settings = account.settings ?? {};
  // Only a boolean Cloudflare sent becomes a claim; false stays false.
  const mfaEnforced = typeof settings.enforce_twofactor === 'boolean' ? settings.enforce_twofactor : undefined;
  return createIntegrationEntity({
    entityData: {
      source: account,
      assign: {
        _key: accountKey(required(account.id, 'id')),
        _type: Entities.ACCOUNT._type,
        _class: Entities.ACCOUNT._class,
        id: account.id,
        name: account.name,
        displayName: account.name,
        type: account.type ?? undefined,
        mfaEnforced,
        mfaEnabled: mfaEnforced,
        abuseContactEmail: settings.abuse_contact_email ?? undefined,
        managedByOrgId: account.managed_by?.parent_org_id ?? undefined,
        managedByOrgName: account.managed_by?.parent_org_name ?? undefined,
        createdOn: toEpochMs(account.created_on),
        webLink: `https://dash.cloudflare.com/${account.id}`,
      },
    },
  });
}
