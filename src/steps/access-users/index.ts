import { IntegrationStep, JobState, Relationship } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { relationshipBetween } from '../../util/relationships';
import { accountKey } from '../accounts/converter';
import { accessRequestActivity } from '../activity/summaries';
import { runStep, StepContext } from '../common/StepRun';
import { CloudflareAccessUser } from '../common/zeroTrustTypes';
import { describeEmailOddities, EmailOddity, normalizeEmail, userEmailProperties } from '../../util/email';
import { accessUserKey, createAccessUserEntity } from './converter';

/**
 * Job data `access-users:<accountId>`: `Record<lower-cased email, access user _key>`
 * of that account, set by fetch-access-users once its users are read. Read by
 * fetch-devices (device owner → user) and build-access-policy-user-relationships
 * (policy → user). Absent when the account's users were not read (Zero Trust
 * off, permission missing, step disabled).
 */
export function accessUsersDataKey(accountId: string): string {
  return `access-users:${accountId}`;
}

export type AccessUserKeysByEmail = Record<string, string>;

/** The account's access user keys by lower-cased email; empty when its users were not read. */
export async function accessUserKeysByEmail(jobState: JobState, accountId: string): Promise<AccessUserKeysByEmail> {
  return (await jobState.getData<AccessUserKeysByEmail>(accessUsersDataKey(accountId))) ?? {};
}

/** Member keys by account and lower-cased email, from the members fetch-account-members collected. */
async function memberKeysByAccountAndEmail(jobState: JobState): Promise<Map<string, Map<string, string>>> {
  const byAccount = new Map<string, Map<string, string>>();
  await jobState.iterateEntities({ _type: Entities.ACCOUNT_MEMBER._type }, (member) => {
    // emailOriginal when set: `email` is absent for an address the data model cannot hold.
    const email = normalizeEmail((member.emailOriginal ?? member.email) as string | undefined);
    const accountId = member.accountId as string | undefined;
    if (!email || !accountId) return;
    let byEmail = byAccount.get(accountId);
    if (!byEmail) byAccount.set(accountId, (byEmail = new Map()));
    if (!byEmail.has(email)) byEmail.set(email, member._key);
  });
  return byAccount;
}

export async function fetchAccessUsers(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const membersByAccount = await memberKeysByAccountAndEmail(run.jobState);
    run.tally('Zero Trust users'); // first in the closing line
    const linked = run.tally('links to account members');
    await run.forEachAccountInArea({ what: 'Zero Trust users', endpoints: ['accessUsers'] }, async (accountId) => {
      const members = membersByAccount.get(accountId) ?? new Map<string, string>();
      const byEmail: AccessUserKeysByEmail = {};
      const activity = await accessRequestActivity(run.jobState, accountId);
      const oddEmails = new Map<EmailOddity, string[]>();
      await run.collect<CloudflareAccessUser>({
        endpoint: 'accessUsers',
        params: { accountId },
        scope: `account ${accountId}`,
        what: 'Zero Trust users',
        describe: (user) => `Zero Trust user ${user?.id}`,
        convert: (user) => {
          const entity = createAccessUserEntity(accountId, user, activity);
          const relationships: Relationship[] = [
            relationshipBetween(Relationships.ACCOUNT_HAS_ACCESS_USER, accountKey(accountId), entity._key),
          ];
          const email = normalizeEmail(user.email);
          const oddity = userEmailProperties(user.email).oddity;
          if (oddity) oddEmails.set(oddity, [...(oddEmails.get(oddity) ?? []), user.id]);
          if (email) {
            // A user repeated across pages is counted once.
            const first = byEmail[email] === undefined;
            if (first) byEmail[email] = entity._key;
            const memberKey = members.get(email);
            if (memberKey) {
              relationships.push(relationshipBetween(Relationships.MEMBER_IS_ACCESS_USER, memberKey, entity._key));
              if (first) linked.added++;
            }
          }
          return { entities: [entity], relationships };
        },
      });
      await run.jobState.setData(accessUsersDataKey(accountId), byEmail);
      for (const line of describeEmailOddities(oddEmails, `Zero Trust users of account ${accountId}`)) {
        run.logger.info({ accountId }, line);
      }
    });
  });
}

export { accessUserKey };

export const accessUserSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCESS_USERS,
    name: 'Fetch Zero Trust Users',
    entities: [Entities.ACCESS_USER],
    relationships: [Relationships.ACCOUNT_HAS_ACCESS_USER, Relationships.MEMBER_IS_ACCESS_USER],
    // fetch-activity first: the users carry the Access activity it read (see steps/activity).
    dependsOn: [Steps.ACCOUNTS, Steps.ACCOUNT_MEMBERS, Steps.ACTIVITY],
    ingestionSourceId: ingestionSourceOf(Steps.ACCESS_USERS),
    executionHandler: fetchAccessUsers,
  },
];
