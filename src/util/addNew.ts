import { Entity, JobState, Relationship } from '@jupiterone/integration-sdk-core';

/**
 * Adds the graph objects whose keys the job has not seen yet and returns how
 * many were skipped as repeats. Cloudflare pages are offsets into a live
 * list, so an object can show up on two pages when the list shifts; the SDK
 * would fail the step on the duplicate key. The job state's own key index is
 * the "seen" set, so nothing here grows with the collection. Keys are checked
 * and registered in the same tick, so concurrent pages cannot race.
 */
async function addNew<T extends Entity | Relationship>(
  jobState: JobState,
  objects: T[],
  add: (fresh: T[]) => Promise<unknown>,
): Promise<number> {
  const fresh: T[] = [];
  const inBatch = new Set<string>();
  for (const object of objects) {
    if (inBatch.has(object._key) || jobState.hasKey(object._key) === true) continue;
    inBatch.add(object._key);
    fresh.push(object);
  }
  if (fresh.length > 0) await add(fresh);
  return objects.length - fresh.length;
}

export function addNewEntities(jobState: JobState, entities: Entity[]): Promise<number> {
  return addNew(jobState, entities, (fresh) => jobState.addEntities(fresh));
}

export function addNewRelationships(jobState: JobState, relationships: Relationship[]): Promise<number> {
  return addNew(jobState, relationships, (fresh) => jobState.addRelationships(fresh));
}
