/** Small helpers for asserting collected graph objects in step tests. */
import { Entity, Relationship } from '@jupiterone/integration-sdk-core';

export function keysOf(objects: Array<Entity | Relationship>): string[] {
  return objects.map((o) => o._key).sort();
}

export function ofType<T extends Entity | Relationship>(objects: T[], type: string): T[] {
  return objects.filter((o) => o._type === type);
}

/** `fromKey -> toKey` for each direct relationship, sorted: compares edges without their generated keys. */
export function edgesOf(relationships: Relationship[], type?: string): string[] {
  return relationships
    .filter((r) => type === undefined || r._type === type)
    .map((r) => `${String(r._fromEntityKey)} -> ${String(r._toEntityKey)}`)
    .sort();
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function expectUniqueKeys(objects: Array<Entity | Relationship>): void {
  const keys = objects.map((o) => o._key);
  expect(new Set(keys).size).toBe(keys.length);
}
