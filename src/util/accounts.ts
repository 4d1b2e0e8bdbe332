import { JobState } from '@jupiterone/integration-sdk-core';
import { Entities } from '../constants';

/** Ids of the accounts collected by fetch-accounts (a handful, so a list is fine). */
export async function collectedAccountIds(jobState: JobState): Promise<string[]> {
  const ids: string[] = [];
  await jobState.iterateEntities({ _type: Entities.ACCOUNT._type }, (account) => {
    ids.push(account.id as string);
  });
  return ids;
}
