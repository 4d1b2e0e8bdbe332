import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { namedRules, ruleSummaryProperties } from '../common/accessRules';
import { CloudflareAccessGroup } from '../common/accessTypes';
import { required } from '../common/required';

export function accessGroupKey(groupId: string): string {
  return `${Entities.ACCESS_GROUP._type}:${groupId}`;
}

export function createAccessGroupEntity(accountId: string, group: CloudflareAccessGroup): Entity {
  const id = required(group.id, 'id');
  const name = group.name || id;
  // The people the group lets in by name: its include rules (exclude and require narrow it).
  const included = namedRules(group.include);
  return createIntegrationEntity({
    entityData: {
      source: group,
      assign: {
        _key: accessGroupKey(id),
        _type: Entities.ACCESS_GROUP._type,
        _class: Entities.ACCESS_GROUP._class,
        id,
        name,
        displayName: name,
        ...ruleSummaryProperties(group),
        emails: included.emails,
        emailDomains: included.emailDomains,
        includesEveryone: included.everyone,
        accountId,
        createdOn: toEpochMs(group.created_at),
        updatedOn: toEpochMs(group.updated_at),
      },
    },
  });
}
