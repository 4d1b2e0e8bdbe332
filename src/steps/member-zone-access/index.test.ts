import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Relationships, Steps } from '../../constants';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { expectUniqueKeys } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset } from '../../../simulator';
import {
  ACCOUNT_POLICY_MEMBER,
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_SHOP_ZONE,
  ACME_ZONE,
  POLICY_ONLY_MEMBER,
  ZONE_ADMIN_MEMBER,
} from '../../../test/fixtures';
import { fetchAccounts } from '../accounts';
import { fetchAccountRoles } from '../account-roles';
import { fetchAccountMembers } from '../account-members';
import { fetchZones } from '../zones';
import { buildMemberZoneAccess } from '.';

const member = (id: string) => `cloudflare_account_member:${id}`;
const zone = (id: string) => `cloudflare_dns_zone:${id}`;

const startRecording = useRecordings();

describe('build-member-zone-access, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('one edge per zone-scoped grant of a collected zone, with its groups, access and canEdit', async () => {
    startRecording({ directory: __dirname, name: 'build-member-zone-access-realistic' });
    const result = await executeStepWithDependencies({
      stepId: Steps.MEMBER_ZONE_ACCESS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.MEMBER_ZONE_ACCESS));
    expect(result.collectedEntities).toEqual([]);
    expectUniqueKeys(result.collectedRelationships);
    const edge = (memberId: string, zoneId: string, properties: Record<string, unknown>) => ({
      _key: `${member(memberId)}|allows|${zone(zoneId)}`,
      _type: Relationships.MEMBER_ALLOWS_ZONE._type,
      _class: 'ALLOWS',
      _fromEntityKey: member(memberId),
      _toEntityKey: zone(zoneId),
      displayName: 'ALLOWS',
      grantedBy: 'policy',
      memberStatus: 'accepted',
      ...properties,
    });
    // No role at all, and still two zones it can change: the case an access graph must not miss.
    expect(result.collectedRelationships).toEqual([
      edge(POLICY_ONLY_MEMBER, ACME_ZONE, { permissionGroups: 'Domain DNS', access: 'allow', canEdit: true }),
      edge(POLICY_ONLY_MEMBER, ACME_CDN_ZONE, { permissionGroups: 'Domain DNS', access: 'allow', canEdit: true }),
      edge(ZONE_ADMIN_MEMBER, ACME_SHOP_ZONE, {
        permissionGroups: 'Domain Administrator',
        access: 'allow',
        canEdit: true,
      }),
      edge(ZONE_ADMIN_MEMBER, ACME_ZONE, {
        permissionGroups: 'Domain Administrator Read Only',
        access: 'allow',
        canEdit: false,
      }),
      // Account-wide DNS, denied on acme.example: the zone edge says so.
      edge(ACCOUNT_POLICY_MEMBER, ACME_ZONE, {
        permissionGroups: undefined,
        access: 'deny',
        deniedPermissionGroups: 'DNS',
        canEdit: false,
      }),
    ]);
  });
});

describe('build-member-zone-access: zones not collected (live simulator, no recording)', () => {
  const GONE_ZONE = 'ffffffffffffffffffffffffffffffff';
  const realistic = useSimulator(() => {
    const dataset = realisticDataset();
    const zoe = dataset.membersByAccount.get(ACME_CORP)!.find((m) => m.id === POLICY_ONLY_MEMBER)!;
    zoe.policies![0].resource_groups[0].scope.objects.push({ key: `com.cloudflare.api.account.zone.${GONE_ZONE}` });
    return dataset;
  });

  test('a grant naming a zone the run did not collect makes no edge and is counted in one info line', async () => {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: realistic.config() });
    await fetchAccounts(context);
    await fetchAccountRoles(context);
    await fetchAccountMembers(context);
    await fetchZones(context);
    const before = context.jobState.collectedRelationships.length;
    const info = jest.spyOn(context.logger, 'info');
    await buildMemberZoneAccess(context);
    const added = context.jobState.collectedRelationships.slice(before);
    expect(added.map((r) => String(r._toEntityKey))).toEqual([
      zone(ACME_ZONE),
      zone(ACME_CDN_ZONE),
      zone(ACME_SHOP_ZONE),
      zone(ACME_ZONE),
      zone(ACME_ZONE),
    ]);
    expect(info).toHaveBeenCalledWith(
      { accountId: ACME_CORP },
      `Zone-scoped member grants of account ${ACME_CORP} naming zones this run did not collect: 1 of 6 (zones ${GONE_ZONE}); no edge is made for them.`,
    );
    expect(info).toHaveBeenLastCalledWith('Collected 5 member zone grants');
  });
});
