import { createIntegrationEntity, Entity, Relationship } from '@jupiterone/integration-sdk-core';
import { Entities, Relationships } from '../../constants';
import { relationshipWith } from '../../util/relationships';
import { toEpochMs } from '../../util/time';
import { accessGroupKey } from '../access-groups/converter';
import { groupReferences, ruleSummaryProperties } from '../common/accessRules';
import { CloudflareAccessPolicy } from '../common/accessTypes';
import { required } from '../common/required';

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

/**
 * Approval groups, flat: how many groups, each group's approvals needed (in
 * order), every approver email (lower-cased, once) and the email lists named.
 * Absent when the policy has no approval groups.
 */
function approvalProperties(policy: CloudflareAccessPolicy): Record<string, number | number[] | string[] | undefined> {
  const groups = (policy.approval_groups ?? []).filter((g): g is NonNullable<typeof g> => Boolean(g));
  if (groups.length === 0) return {};
  const emails = groups.flatMap((g) => g.email_addresses ?? []).map((e) => e.trim().toLowerCase());
  const lists = groups.map((g) => g.email_list_uuid).filter((id): id is string => Boolean(id));
  return {
    approvalGroupCount: groups.length,
    approvalsNeeded: groups.map((g) => g.approvals_needed ?? 0),
    approverEmails: [...new Set(emails)],
    approverEmailListIds: lists.length > 0 ? lists : undefined,
  };
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
        ...approvalProperties(policy),
        purposeJustificationRequired: policy.purpose_justification_required ?? undefined,
        purposeJustificationPrompt: policy.purpose_justification_prompt || undefined,
        isolationRequired: policy.isolation_required ?? undefined,
        mfaDisabled: policy.mfa_config?.mfa_disabled ?? undefined,
        mfaAllowedAuthenticators: policy.mfa_config?.allowed_authenticators ?? undefined,
        mfaSessionDuration: policy.mfa_config?.session_duration || undefined,
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
