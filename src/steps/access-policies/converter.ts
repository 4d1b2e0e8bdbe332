import { createIntegrationEntity, Entity, Relationship } from '@jupiterone/integration-sdk-core';
import { Entities, Relationships } from '../../constants';
import { relationshipWith } from '../../util/relationships';
import { toEpochMs } from '../../util/time';
import { accessGroupKey } from '../access-groups/converter';
import { groupReferences, ruleSummaryProperties } from '../shared/accessRules';
import { CloudflareAccessPolicy } from '../shared/accessTypes';
import { required } from '../shared/required';

export function accessPolicyKey(policyId: string): string {
  return `${Entities.ACCESS_POLICY._type}:${policyId}`;
}

export interface PolicyContext {
  /**
   * From /access/policies (true), or embedded in an application: false (a
   * per-app legacy policy) when the reusable list was read in full without
   * it, undefined (unknown, property left out) when that list was not.
   */
  reusable: boolean | undefined;
  /** An include rule lets everyone in (directly or through a group): no per-user edges are drawn for it. */
  appliesToEveryone: boolean;
  /** The application a per-app policy was read from. */
  applicationId?: string;
}

export function createAccessPolicyEntity(
  accountId: string,
  policy: CloudflareAccessPolicy,
  context: PolicyContext,
): Entity {
  const id = required(policy.id, 'id');
  const name = policy.name || id;
  return createIntegrationEntity({
    entityData: {
      source: policy,
      assign: {
        _key: accessPolicyKey(id),
        _type: Entities.ACCESS_POLICY._type,
        _class: Entities.ACCESS_POLICY._class,
        id,
        name,
        displayName: name,
        decision: policy.decision ?? undefined,
        reusable: context.reusable,
        precedence: context.reusable === true ? undefined : (policy.precedence ?? undefined),
        applicationId: context.applicationId,
        ...ruleSummaryProperties(policy),
        appliesToEveryone: context.appliesToEveryone,
        appCount: policy.app_count ?? undefined,
        sessionDuration: policy.session_duration ?? undefined,
        approvalRequired: policy.approval_required ?? undefined,
        accountId,
        createdOn: toEpochMs(policy.created_at),
        updatedOn: toEpochMs(policy.updated_at),
      },
    },
  });
}

/**
 * Policy USES group, one edge per (group, rule kind), to groups that were
 * collected only (`groupCollected`).
 */
export function policyUsesGroupRelationships(
  policy: CloudflareAccessPolicy,
  groupCollected: (groupKey: string) => boolean,
): Relationship[] {
  const from = accessPolicyKey(policy.id);
  return groupReferences(policy)
    .filter(({ groupId }) => groupCollected(accessGroupKey(groupId)))
    .map(({ groupId, rule }) =>
      relationshipWith(Relationships.ACCESS_POLICY_USES_GROUP, from, accessGroupKey(groupId), {
        _key: `${from}|uses|${accessGroupKey(groupId)}|${rule}`,
        rule,
      }),
    );
}
