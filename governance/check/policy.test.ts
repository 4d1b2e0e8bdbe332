import fs from 'fs';
import path from 'path';
import { DEFAULT_POLICY, parsePolicy } from './policy';

function policyError(text: string): string {
  try {
    parsePolicy(text, 'policy.json');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('parsePolicy', () => {
  test('defaults for what is left out', () => {
    expect(parsePolicy('{}', 'p.json')).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toEqual({ maxSuperAdmins: 2, maxTokenIdleDays: 90, require2fa: true });
  });

  test('every setting', () => {
    expect(
      parsePolicy(
        '{"allowedRoles": {"Engineering": ["Administrator", "DNS"], "Finance": []}, "maxSuperAdmins": 0, ' +
          '"maxTokenIdleDays": 30, "require2fa": false}',
        'p.json',
      ),
    ).toEqual({
      allowedRoles: { Engineering: ['Administrator', 'DNS'], Finance: [] },
      maxSuperAdmins: 0,
      maxTokenIdleDays: 30,
      require2fa: false,
    });
  });

  test('wrong types and values name the line, column and JSON path of each', () => {
    const text = [
      '{',
      '  "allowedRoles": {',
      '    "Engineering": ["Administrator", 7],',
      '    "Site Reliability": "DNS",',
      '    "engineering": []',
      '  },',
      '  "maxSuperAdmins": "2",',
      '  "maxTokenIdleDays": 0,',
      '  "require2fa": "yes",',
      '  "maxSuperAdmin": 3,',
      '  "require2fa": true',
      '}',
    ].join('\n');
    expect(policyError(text)).toBe(
      [
        'policy.json:3:38: $.allowedRoles.Engineering[1]: must be a Cloudflare role name (a non-empty string), not 7',
        'policy.json:4:25: $.allowedRoles["Site Reliability"]: must be a list of Cloudflare role names, not "DNS"',
        'policy.json:5:5: $.allowedRoles.engineering: the same key as "Engineering" (keys are matched without regard to case)',
        'policy.json:7:21: $.maxSuperAdmins: must be a whole number of at least 0, not "2"',
        'policy.json:8:23: $.maxTokenIdleDays: must be a whole number of at least 1, not 0',
        'policy.json:9:17: $.require2fa: must be true or false, not "yes"',
        'policy.json:10:3: $.maxSuperAdmin: unknown setting (known: allowedRoles, maxInactiveDays, maxSuperAdmins, maxTokenIdleDays, require2fa)',
        'policy.json:11:3: $.require2fa: set twice',
      ].join('\n'),
    );
  });

  test('allowedRoles must be an object, the policy an object, numbers whole', () => {
    expect(policyError('{"allowedRoles": ["DNS"]}')).toBe(
      'policy.json:1:18: $.allowedRoles: must be an object mapping a roster role or department to a list of Cloudflare role names, not a list',
    );
    expect(policyError('\n  [1]')).toBe('policy.json:2:3: $: the policy must be a JSON object, not a list');
    expect(policyError('{"maxSuperAdmins": 1.5}')).toBe(
      'policy.json:1:20: $.maxSuperAdmins: must be a whole number of at least 0, not 1.5',
    );
  });

  test('JSON syntax errors point at the offending character', () => {
    expect(policyError('{\n  "maxSuperAdmins": 2,\n}')).toBe(
      'policy.json:3:1: expected a property name in double quotes, found "}"',
    );
    expect(policyError('{"maxSuperAdmins": 2 "require2fa": true}')).toBe(
      "policy.json:1:22: expected ',' or '}' after a property, found \"\\\"\"",
    );
    expect(policyError('{"allowedRoles": {"IT": ["DNS"}}')).toBe(
      "policy.json:1:31: expected ',' or ']' after an array item, found \"}\"",
    );
    expect(policyError('{"require2fa": tru}')).toBe('policy.json:1:16: expected a JSON value, found "t"');
    expect(policyError('{"a": "open')).toBe('policy.json:1:7: unterminated string');
    expect(policyError('{} x')).toBe('policy.json:1:4: unexpected "x" after the JSON value');
    expect(policyError('')).toBe('policy.json:1:1: expected a JSON value, found the end of the file');
  });

  test('the sample policy parses', () => {
    const file = path.join(__dirname, '..', 'examples', 'policy.json');
    const policy = parsePolicy(fs.readFileSync(file, 'utf8'), file);
    expect(policy.maxSuperAdmins).toBe(1);
    expect(policy.maxTokenIdleDays).toBe(90);
    expect(policy.require2fa).toBe(true);
    expect(Object.keys(policy.allowedRoles ?? {})).toEqual([
      'Engineering',
      'Site Reliability Engineer',
      'Security',
      'IT',
      'Marketing',
      'Finance',
    ]);
  });
});
