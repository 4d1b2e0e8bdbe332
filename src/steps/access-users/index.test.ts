import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { domainToASCII } from 'url';
import { Entities, Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { countBy, edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import {
  ACME_CONTRACTOR_USER,
  ACME_CORP,
  ACME_FIRST_ACCESS_USER,
  ACME_FRONTDESK_USER,
  ACME_LABS,
  SANDBOX,
} from '../../../test/fixtures';
import { accessUsersDataKey } from '.';

const account = (id: string) => `cloudflare_account:${id}`;
const user = (id: string) => `cloudflare_access_user:${id}`;
const member = (id: string) => `cloudflare_account_member:${id}`;

const startRecording = useRecordings();

/** Any case, an internationalised domain in either form. */
function sameAddress(email: string): string {
  const [local, domain] = email.toLowerCase().split('@');
  return `${local}@${domainToASCII(domain)}`;
}

/** The dataset's access users of one account, and its member with the same email (any case, any domain form), if any. */
function usersOf(accountId: string): Array<{ id: string; email: string; memberId?: string }> {
  const dataset = realisticDataset();
  const members = dataset.membersByAccount.get(accountId) ?? [];
  return (dataset.accessUsersByAccount.get(accountId) ?? []).map((u) => ({
    id: u.id,
    email: sameAddress(u.email),
    memberId: members.find((m) => sameAddress(m.email) === sameAddress(u.email))?.id,
  }));
}

describe('fetch-access-users, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('users of both Zero Trust accounts, linked to the member with the same email in the same account', async () => {
    startRecording({ directory: __dirname, name: 'fetch-access-users-realistic', recordFailedRequests: true });
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_USERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCESS_USERS));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    const corp = usersOf(ACME_CORP);
    const labs = usersOf(ACME_LABS);
    // By hand: Acme Corp has 12 users, 10 of them members (3 in another case), Acme Labs 4, all members (two
    // with internationalised addresses); Sandbox has no Zero Trust.
    expect(corp).toHaveLength(12);
    expect(corp.filter((u) => u.memberId)).toHaveLength(10);
    expect(labs).toHaveLength(4);
    expect(labs.filter((u) => u.memberId)).toHaveLength(4);

    const users = ofType(result.collectedEntities, Entities.ACCESS_USER._type);
    expect(keysOf(result.collectedEntities)).toEqual([...corp, ...labs].map((u) => user(u.id)).sort());
    expect(countBy(users, (u) => u.accountId as string)).toEqual({ [ACME_CORP]: 12, [ACME_LABS]: 4 });
    for (const u of users) expect(u).toMatchGraphObjectSchema({ _class: Entities.ACCESS_USER._class });
    // Every email is lower-cased (three came in mixed case).
    expect(users.map((u) => u.username)).toEqual(users.map((u) => String(u.username).toLowerCase()));
    // Internationalised addresses are kept, never skipped.
    expect(users.find((u) => u.username === 'anna@xn--bcher-kva.example')).toMatchObject({
      email: 'anna@xn--bcher-kva.example',
      name: 'Anna Bücher',
    });
    const jose = users.find((u) => u.username === 'josé.garcía@acme-corp.example')!;
    expect(jose).toMatchObject({ emailOriginal: 'josé.garcía@acme-corp.example', name: 'José García' });
    expect(jose.email).toBeUndefined();

    const byKey = Object.fromEntries(users.map((u) => [u._key, u]));
    expect(byKey[user(ACME_FIRST_ACCESS_USER)]).toMatchObject({
      id: ACME_FIRST_ACCESS_USER,
      email: 'olivia.nguyen@acme.example',
      username: 'olivia.nguyen@acme.example',
      name: 'Olivia Nguyen',
      displayName: 'Olivia Nguyen',
      accountId: ACME_CORP,
      accessSeat: true,
      gatewaySeat: true,
      activeDeviceCount: 1,
      active: true,
    });
    expect(byKey[user(ACME_FRONTDESK_USER)]).toMatchObject({
      email: 'frontdesk@acme.example',
      name: 'Front Desk',
      accessSeat: true,
      gatewaySeat: false,
      lastLoginOn: Date.parse('2025-04-28T07:59:13.123Z'),
      createdOn: Date.parse('2024-02-01T00:00:00Z'),
    });

    const rels = result.collectedRelationships;
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_ACCESS_USER._type)).toEqual(
      [
        ...corp.map((u) => `${account(ACME_CORP)} -> ${user(u.id)}`),
        ...labs.map((u) => `${account(ACME_LABS)} -> ${user(u.id)}`),
      ].sort(),
    );
    const links = [...corp, ...labs].filter((u) => u.memberId).map((u) => `${member(u.memberId!)} -> ${user(u.id)}`);
    expect(edgesOf(rels, Relationships.MEMBER_IS_ACCESS_USER._type)).toEqual(links.sort());
    expect(rels).toHaveLength(16 + 14);
    // Not members: no link.
    for (const id of [ACME_CONTRACTOR_USER, ACME_FRONTDESK_USER]) {
      expect(rels.filter((r) => r._toEntityKey === user(id))).toHaveLength(1);
    }
    // Noah is a member and a user in both accounts: each user links only to the member of its own account.
    const noah = (list: typeof corp) => list.find((u) => u.email === 'noah.okafor@acme.example')!;
    expect(noah(corp).memberId).not.toBe(noah(labs).memberId);
    expect(edgesOf(rels, Relationships.MEMBER_IS_ACCESS_USER._type)).toEqual(
      expect.arrayContaining([
        `${member(noah(corp).memberId!)} -> ${user(noah(corp).id)}`,
        `${member(noah(labs).memberId!)} -> ${user(noah(labs).id)}`,
      ]),
    );

    // The per-account email → user key map later steps read; none for Sandbox.
    expect(result.collectedData[accessUsersDataKey(ACME_CORP)]).toEqual(
      Object.fromEntries(corp.map((u) => [u.email, user(u.id)])),
    );
    expect(result.collectedData[accessUsersDataKey(ACME_LABS)]).toEqual(
      Object.fromEntries(labs.map((u) => [u.email, user(u.id)])),
    );
    expect(result.collectedData[accessUsersDataKey(SANDBOX)]).toBeUndefined();
  });
});
