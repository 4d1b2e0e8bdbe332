import {
  createDirectRelationship,
  Relationship,
  StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';

/** A direct relationship as declared in constants.ts, between two entity keys. */
export function relationshipBetween(
  metadata: StepRelationshipMetadata,
  fromKey: string,
  toKey: string,
): Relationship {
  return createDirectRelationship({
    _class: metadata._class,
    fromType: metadata.sourceType,
    fromKey,
    toType: metadata.targetType,
    toKey,
  });
}
