import { IntegrationLogger } from '@jupiterone/integration-sdk-runtime';
import { executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { Relationships, Steps } from '../../constants';
import { Permissions } from '../../client/endpoints';
import { stepMetadata, testInvocationConfig as invocationConfig, useSimulator } from '../../../test/config';
import { expectUniqueKeys } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, SIM_TOKENS } from '../../../simulator';
import {
  ACME_ADMIN_PANEL_INLINE_POLICY,
  ACME_ALLOW_ENGINEERING_POLICY,
  ACME_CONTRACTOR_USER,
  ACME_CONTRACTORS_GROUP,
  ACME_CORP,
  ACME_DENY_CONTRACTOR_POLICY,
  ACME_ENGINEERING_GROUP,
  ACME_FIRST_ACCESS_USER,
  ACME_FRONTDESK_USER,
  ACME_LABS,
  SANDBOX,
} from '../../../test/fixtures';

const policy = (id: string) => `cloudflare_access_policy:${id}`;
const user = (id: string) => `cloudflare_access_user:${id}`;

/** An access user's id by (case-insensitive) email in one account of the dataset. */
function userId(accountId: string, email: string): string {
  const found = realisticDataset()
    .accessUsersByAccount.get(accountId)!
    .find((u) => u.email.toLowerCase() === email);
  if (!found) throw new Error(`no access user ${email} in ${accountId}`);
  return found.id;
}

const LABS_INLINE_POLICY = realisticDataset().accessAppsByAccount.get(ACME_LABS)![0].policies[0].id;

/** The 11 Acme Corp users at acme.example (all but the contractor). */
const ACME_DOMAIN_EMAILS = [
  'olivia.nguyen@acme.example',
  'liam.garcia@acme.example',
  'emma.smith@acme.example',
  'noah.okafor@acme.example',
  'ava.kowalski@acme.example',
  'elijah.muller@acme.example',
  'sophia.tanaka@acme.example',
  'mateo.patel@acme.example',
  'isabella.silva@acme.example',
  'zoe.zonedns@acme.example',
  'frontdesk@acme.example',
];

function line(r: Record<string, unknown>): string {
  return [r._fromEntityKey, r._toEntityKey, r.decision, r.rule, r.matchedBy, r.groupId ?? '-'].join(' ');
}

const startRecording = useRecordings();

describe('build-access-policy-user-relationships, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('every user a policy names, with the decision, rule and how it was matched', async () => {
    startRecording({
      directory: __dirname,
      name: 'build-access-policy-user-relationships-realistic',
      recordFailedRequests: true,
    });
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_POLICY_USERS,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    const permissionWarnings = warn.mock.calls.filter((args) => /may not read them/.test(String(args[1])));
    warn.mockRestore();
    // Sandbox has no Zero Trust: skipped without a warning.
    expect(permissionWarnings).toEqual([]);
    expect(result).toMatchStepMetadata(stepMetadata(Steps.ACCESS_POLICY_USERS));
    expect(result.collectedEntities).toEqual([]);
    expectUniqueKeys(result.collectedRelationships);
    expect(
      result.collectedRelationships.every((r) => r._type === Relationships.ACCESS_POLICY_ASSIGNED_USER._type),
    ).toBe(true);

    const corp = (email: string) => user(userId(ACME_CORP, email));
    const labs = (email: string) => user(userId(ACME_LABS, email));
    expect(corp('olivia.nguyen@acme.example')).toBe(user(ACME_FIRST_ACCESS_USER));
    expect(corp('frontdesk@acme.example')).toBe(user(ACME_FRONTDESK_USER));
    expect(corp('dev.contractor@contractors.example')).toBe(user(ACME_CONTRACTOR_USER));
    const contractor = user(ACME_CONTRACTOR_USER);

    expect(result.collectedRelationships.map(line).sort()).toEqual(
      [
        // Allow Engineering: include the Engineering group (email domain acme.example), exclude the front desk.
        ...ACME_DOMAIN_EMAILS.map(
          (email) =>
            `${policy(ACME_ALLOW_ENGINEERING_POLICY)} ${corp(email)} allow include group ${ACME_ENGINEERING_GROUP}`,
        ),
        `${policy(ACME_ALLOW_ENGINEERING_POLICY)} ${user(ACME_FRONTDESK_USER)} allow exclude email -`,
        // Block contractor: deny by email.
        `${policy(ACME_DENY_CONTRACTOR_POLICY)} ${contractor} deny include email -`,
        // The admin panel's inline policy: Olivia by email (mixed case in Cloudflare), the contractor through
        // the Contractors group in include and in require (its login-method rule cannot be judged offline).
        `${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} ${user(ACME_FIRST_ACCESS_USER)} allow include email -`,
        `${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} ${contractor} allow include group ${ACME_CONTRACTORS_GROUP}`,
        `${policy(ACME_ADMIN_PANEL_INLINE_POLICY)} ${contractor} allow require group ${ACME_CONTRACTORS_GROUP}`,
        // Acme Labs' inline policy: its own two users by email domain (not Acme Corp's users of the same domain).
        `${policy(LABS_INLINE_POLICY)} ${labs('ava.okafor100@acme.example')} allow include email_domain -`,
        `${policy(LABS_INLINE_POLICY)} ${labs('noah.okafor@acme.example')} allow include email_domain -`,
        // The bypass-everyone policy names nobody.
      ].sort(),
    );
    expect(result.collectedRelationships).toHaveLength(11 + 1 + 1 + 3 + 2);
    const deny = result.collectedRelationships.find((r) => r.decision === 'deny')!;
    expect(deny).toEqual({
      _key: `${policy(ACME_DENY_CONTRACTOR_POLICY)}|assigned|${contractor}|include|email`,
      _type: 'cloudflare_access_policy_assigned_access_user',
      _class: 'ASSIGNED',
      _fromEntityKey: policy(ACME_DENY_CONTRACTOR_POLICY),
      _toEntityKey: contractor,
      displayName: 'ASSIGNED',
      decision: 'deny',
      rule: 'include',
      matchedBy: 'email',
    });
    expect(result.collectedData).toEqual({});
  });
});

describe('build-access-policy-user-relationships without the Zero Trust and Access permissions (live simulator)', () => {
  const realistic = useSimulator(realisticDataset);

  test('one warning and warn event per account and permission, no steps failed, no edges', async () => {
    const warn = jest.spyOn(IntegrationLogger.prototype, 'warn');
    const publish = jest.spyOn(IntegrationLogger.prototype, 'publishEvent');
    const result = await executeStepWithDependencies({
      stepId: Steps.ACCESS_POLICY_USERS,
      invocationConfig,
      instanceConfig: realistic.config({ apiToken: SIM_TOKENS.noZeroTrust }),
    });
    const warnings = warn.mock.calls.map((args) => String(args[1])).filter((text) => /may not read them/.test(text));
    const events = publish.mock.calls.map(([event]) => event).filter((event) => event.name === 'permission_missing');
    warn.mockRestore();
    publish.mockRestore();

    expect(result.collectedRelationships).toEqual([]);
    const permissions = [
      Permissions.ACCESS_AUDIT_LOGS_READ,
      'Access: Apps and Policies Read',
      'Access: Organizations, Identity Providers, and Groups Read',
    ];
    expect(warnings).toHaveLength(3 * permissions.length);
    for (const permission of permissions) {
      for (const accountId of [ACME_CORP, ACME_LABS, SANDBOX]) {
        expect(
          warnings.filter((w) => w.includes(`"${permission}"`) && w.includes(`of account ${accountId}:`)),
        ).toHaveLength(1);
      }
    }
    expect(events.map((e) => e.description)).toEqual(warnings);
    expect(events.every((e) => e.level === 'warn')).toBe(true);
    // Each permission was refused once per account (groups before IdPs, policies before apps), then skipped.
    expect(realistic.sim.stats.byRoute).toEqual({
      'GET /accounts': 1,
      'GET /accounts/:id/roles': 3,
      'GET /accounts/:id/members': 4,
      'GET /accounts/:id/access/users': 3,
      'GET /accounts/:id/access/groups': 3,
      'GET /accounts/:id/access/policies': 3,
    });
    expect(realistic.sim.stats.responsesByStatus[403]).toBe(9);
  });
});
