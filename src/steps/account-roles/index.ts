import { IntegrationProviderAPIError, IntegrationStep, Relationship } from '@jupiterone/integration-sdk-core';
import { CloudflareRole } from '../../client/types';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { oneLine } from '../../util/oneLine';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { runStep, StepContext } from '../common/StepRun';
import { createRoleEntity } from './converter';

export function accountHasRole(accountId: string, roleEntityKey: string): Relationship {
  return relationshipBetween(Relationships.ACCOUNT_HAS_ROLE, accountKey(accountId), roleEntityKey);
}

/**
 * Job-state data key set once /roles of an account has been read to the end.
 * Only then can fetch-account-members say a role is *not* listed there; after
 * a failed or partial read it cannot tell.
 */
export function rolesListedDataKey(accountId: string): string {
  return `roles-listed:${accountId}`;
}

/**
 * How Cloudflare answers a retired endpoint. /roles is deprecated (in favour
 * of /accounts/{id}/iam/permission_groups); once it is gone its first request
 * gets one of these, and the members step builds the roles members hold.
 */
const RETIRED_STATUSES = new Set([400, 404, 410]);

function isRetired(err: unknown): err is IntegrationProviderAPIError {
  return err instanceof IntegrationProviderAPIError && RETIRED_STATUSES.has(Number(err.status));
}

export async function fetchAccountRoles(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const retired: Array<{ accountId: string; status: unknown }> = [];
    await run.forEachAccount('roles', async (accountId) => {
      let pages = 0;
      try {
        const listing = await run.collect<CloudflareRole>({
          endpoint: 'roles',
          params: { accountId },
          scope: `account ${accountId}`,
          what: 'roles',
          describe: (role) => `role ${role?.id}`,
          convert: (role) => {
            const entity = createRoleEntity(accountId, role, true);
            return { entities: [entity], relationships: [accountHasRole(accountId, entity._key)] };
          },
          onAdded: () => pages++,
        });
        if (listing.complete) await run.jobState.setData(rolesListedDataKey(accountId), true);
      } catch (err) {
        // Only an answer to the first request says the endpoint is gone; later, it is a failure.
        if (!isRetired(err) || pages > 0) throw err;
        retired.push({ accountId, status: err.status });
      }
    });
    if (retired.length > 0) {
      const accounts = retired.map((r) => `${r.accountId} (${r.status})`).join(', ');
      run.logger.warn(
        { accountIds: retired.map((r) => r.accountId) },
        oneLine(
          `Cloudflare's deprecated role list (GET /accounts/{id}/roles) is retired for ${retired.length} ` +
            `${retired.length === 1 ? 'account' : 'accounts'}: ${accounts}. Roles are built from the roles ` +
            'members hold instead (fetch-account-members), so roles nobody holds are not collected.',
        ),
      );
    }
  });
}

export const accountRoleSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT_ROLES,
    name: 'Fetch Account Roles',
    entities: [Entities.ACCOUNT_ROLE],
    relationships: [Relationships.ACCOUNT_HAS_ROLE],
    dependsOn: [Steps.ACCOUNTS],
    executionHandler: fetchAccountRoles,
  },
];
