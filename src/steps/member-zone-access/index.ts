import { IntegrationStep, Relationship } from '@jupiterone/integration-sdk-core';
import { IntegrationConfig } from '../../config';
import { Relationships, Steps } from '../../constants';
import { oneLine } from '../../util/oneLine';
import { memberAllowsZone, MemberZoneGrant, memberZoneGrantsKey } from '../account-members/grants';
import { runStep, StepContext } from '../common/StepRun';
import { zoneKey } from '../zones/converter';

/**
 * Member → zone edges from the zone-scoped policies fetch-account-members
 * found. Only to zones fetch-zones collected: a policy may name a zone the
 * token cannot see (or one deleted since), and an edge to nothing is dropped
 * by JupiterOne anyway; those are counted and said.
 */
export async function buildMemberZoneAccess(context: StepContext): Promise<void> {
  await runStep(context, (run) =>
    run.forEachAccount('member zone access', async (accountId) => {
      const grants = (await run.jobState.getData<MemberZoneGrant[]>(memberZoneGrantsKey(accountId))) ?? [];
      const tally = run.tally('member zone grants');
      const relationships: Relationship[] = [];
      const missingZones = new Set<string>();
      let missing = 0;
      for (const grant of grants) {
        const key = zoneKey(grant.zoneId);
        if (run.jobState.hasKey(key) !== true) {
          missing++;
          missingZones.add(grant.zoneId);
          continue;
        }
        relationships.push(memberAllowsZone(grant, key));
      }
      await run.add([], relationships);
      tally.added += relationships.length;
      if (missing > 0) {
        const zones = [...missingZones];
        run.logger.info(
          { accountId },
          oneLine(
            `Zone-scoped member grants of account ${accountId} naming zones this run did not collect: ${missing} of ` +
              `${grants.length} (zones ${zones.slice(0, 5).join(', ')}${zones.length > 5 ? ', …' : ''}); no edge is made for them.`,
          ),
        );
      }
    }),
  );
}

export const memberZoneAccessSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.MEMBER_ZONE_ACCESS,
    name: 'Build Member Zone Access',
    entities: [],
    relationships: [Relationships.MEMBER_ALLOWS_ZONE],
    dependsOn: [Steps.ACCOUNT_MEMBERS, Steps.ZONES],
    executionHandler: buildMemberZoneAccess,
  },
];
