import { AccessModel } from '../graph/access';
import { FileInputError, Located } from '../util/errors';
import { jsonPath, JsonNode, parseJsonWithLocations } from '../util/json';

export interface Policy {
  /** Roster role or department (matched without regard to case) to the Cloudflare role names it may hold. */
  allowedRoles?: Record<string, string[]>;
  maxSuperAdmins: number;
  maxTokenIdleDays: number;
  /** Accepted members must have logged in to the dashboard within this many days (unset: not checked). */
  maxInactiveDays?: number;
  require2fa: boolean;
}

export const DEFAULT_POLICY: Policy = {
  maxSuperAdmins: 2,
  maxTokenIdleDays: 90,
  require2fa: true,
};

/** Where each allowedRoles name stands in its file (`key\u0000name`), for warnings that point at it. */
const roleLocations = new WeakMap<Policy, Map<string, { line: number; column: number }>>();

const SETTINGS = ['allowedRoles', 'maxInactiveDays', 'maxSuperAdmins', 'maxTokenIdleDays', 'require2fa'];

const shown = (node: JsonNode): string =>
  node.kind === 'object'
    ? 'an object'
    : node.kind === 'array'
      ? 'a list'
      : node.kind === 'null'
        ? 'null'
        : JSON.stringify(node.value);

/**
 * Reads a policy file (JSON). Unset settings keep their defaults; unknown
 * settings are errors (a misspelt one would otherwise be silently ignored).
 * Every problem names its line, column and JSON path.
 */
export function parsePolicy(text: string, file: string): Policy {
  const root = parseJsonWithLocations(text, file);
  const problems: Located[] = [];
  const problem = (node: { line: number; column: number }, path: Array<string | number>, message: string) =>
    problems.push({ line: node.line, column: node.column, message: `${jsonPath(path)}: ${message}` });
  if (root.kind !== 'object') {
    problem(root, [], `the policy must be a JSON object, not ${shown(root)}`);
    throw new FileInputError(file, problems);
  }
  const policy: Policy = { ...DEFAULT_POLICY };
  const locations = new Map<string, { line: number; column: number }>();
  roleLocations.set(policy, locations);
  const seen = new Set<string>();
  for (const { key, keyLine, keyColumn, value } of root.entries) {
    const at = { line: keyLine, column: keyColumn };
    if (seen.has(key)) {
      problem(at, [key], 'set twice');
      continue;
    }
    seen.add(key);
    if (key === 'maxSuperAdmins' || key === 'maxTokenIdleDays' || key === 'maxInactiveDays') {
      const least = key === 'maxSuperAdmins' ? 0 : 1;
      if (value.kind !== 'number' || !Number.isInteger(value.value) || value.value < least) {
        problem(value, [key], `must be a whole number of at least ${least}, not ${shown(value)}`);
      } else policy[key] = value.value;
    } else if (key === 'require2fa') {
      if (value.kind !== 'boolean') problem(value, [key], `must be true or false, not ${shown(value)}`);
      else policy.require2fa = value.value;
    } else if (key === 'allowedRoles') {
      if (value.kind !== 'object') {
        problem(
          value,
          [key],
          `must be an object mapping a roster role or department to a list of Cloudflare role names, not ${shown(value)}`,
        );
        continue;
      }
      const allowed: Record<string, string[]> = {};
      const lowered = new Map<string, string>();
      for (const entry of value.entries) {
        const path = [key, entry.key];
        const previous = lowered.get(entry.key.toLowerCase());
        if (previous !== undefined) {
          problem(
            { line: entry.keyLine, column: entry.keyColumn },
            path,
            `the same key as "${previous}" (keys are matched without regard to case)`,
          );
          continue;
        }
        lowered.set(entry.key.toLowerCase(), entry.key);
        if (entry.value.kind !== 'array') {
          problem(entry.value, path, `must be a list of Cloudflare role names, not ${shown(entry.value)}`);
          continue;
        }
        const names: string[] = [];
        entry.value.items.forEach((item, n) => {
          if (item.kind !== 'string' || item.value.trim() === '') {
            problem(item, [...path, n], `must be a Cloudflare role name (a non-empty string), not ${shown(item)}`);
          } else {
            names.push(item.value);
            locations.set(`${entry.key}\u0000${item.value}`, { line: item.line, column: item.column });
          }
        });
        allowed[entry.key] = names;
      }
      policy.allowedRoles = allowed;
    } else {
      problem(at, [key], `unknown setting (known: ${SETTINGS.join(', ')})`);
    }
  }
  if (problems.length > 0) throw new FileInputError(file, problems);
  return policy;
}

/**
 * Names in allowedRoles that no collected account has as a role and no
 * member holds as a permission group: most likely a typo, which would
 * otherwise only make the roles check fail for everyone holding the real name.
 */
export function unknownPolicyRoles(
  policy: Policy,
  model: AccessModel,
): Array<{ key: string; name: string; line?: number; column?: number }> {
  const known = new Set([
    ...model.roleNames,
    ...model.members.flatMap((m) => m.grants.flatMap((g) => [...g.permissionGroups, ...g.deniedPermissionGroups])),
  ]);
  return Object.entries(policy.allowedRoles ?? {}).flatMap(([key, names]) =>
    names
      .filter((name) => !known.has(name))
      .map((name) => ({ key, name, ...roleLocations.get(policy)?.get(`${key}\u0000${name}`) })),
  );
}
