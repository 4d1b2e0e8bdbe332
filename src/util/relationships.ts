import { createDirectRelationship, Relationship, StepRelationshipMetadata } from '@jupiterone/integration-sdk-core';

/**
 * relationshipBetween with properties on the edge (e.g. the permission groups
 * a grant carries). Edge properties are scalars only in JupiterOne, so lists
 * travel as one comma-separated string. `_key` in `properties` replaces the
 * SDK's default `<from>|<class>|<to>` key.
 */
export function relationshipWith(
  metadata: StepRelationshipMetadata,
  fromKey: string,
  toKey: string,
  properties: Record<string, string | number | boolean | undefined>,
): Relationship {
  return createDirectRelationship({
    _class: metadata._class,
    fromType: metadata.sourceType,
    fromKey,
    toType: metadata.targetType,
    toKey,
    // The declared _type, not the SDK's guess from the two types (which drops words, e.g. "access_").
    properties: { ...properties, _type: metadata._type },
  });
}

/**
 * A direct relationship as declared in constants.ts, between two entity keys.
 * `key` replaces the SDK's default key where a shorter one is as unique (see
 * zoneHasRecordKey).
 */
export function relationshipBetween(
  metadata: StepRelationshipMetadata,
  fromKey: string,
  toKey: string,
  key?: string,
): Relationship {
  return relationshipWith(metadata, fromKey, toKey, key === undefined ? {} : { _key: key });
}
