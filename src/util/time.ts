import { parseTimePropertyValue } from '@jupiterone/integration-sdk-core';

/** RFC 3339 with 0-6 fractional digits, or null, to epoch milliseconds. */
export function toEpochMs(value: string | null | undefined): number | undefined {
  return value ? parseTimePropertyValue(value) : undefined;
}
