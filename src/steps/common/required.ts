/**
 * A field an entity cannot do without. A converter that meets it missing
 * throws, and the step skips that one item with a warning naming it instead
 * of losing its whole page to schema validation.
 */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    throw new Error(`its ${field} is ${value === null ? 'null' : value === undefined ? 'missing' : 'empty'}`);
  }
  return value;
}
