import fs from 'fs';
import path from 'path';
import { validateManagedQuestionFile } from '@jupiterone/integration-sdk-cli/dist/src/questions/managedQuestionFileValidator';
import { Entities, Relationships } from '../src/constants';

const FILE = path.join(__dirname, '..', 'jupiterone', 'questions', 'questions.yaml');
const text = fs.readFileSync(FILE, 'utf8');

test('the question file passes the SDK validation (what `j1-integration validate-question-file --dry-run` runs)', async () => {
  await expect(validateManagedQuestionFile({ filePath: FILE })).resolves.toBeUndefined();
});

test('the questions the issue asks for, each with at least one query', () => {
  const titles = [...text.matchAll(/^ {4}title: (.+)$/gm)].map((m) => m[1]);
  expect(titles).toEqual([
    'Which Cloudflare account members do not have two-factor authentication on?',
    'Who are the Super Administrators of each Cloudflare account?',
    'Which Cloudflare account invitations are still pending?',
    'Which Cloudflare members are not linked to an active employee?',
    'Which Cloudflare members hold roles outside the allowed set?',
    'Who can change a given Cloudflare zone, through a role, a resource-scoped policy or an API token?',
    'Which Cloudflare API tokens are expired, expiring within 30 days, or unused for 90 days?',
    'Which active Cloudflare zones do not have DNSSEC?',
    'Which Cloudflare zones allow TLS below 1.2, or have SSL off or Flexible?',
    'Which Cloudflare DNS records point at private or reserved addresses?',
    'Which revoked Zero Trust devices are still being seen?',
    'Which Cloudflare Access applications have no policy?',
    'Which Cloudflare members have access to single zones through resource-scoped policies?',
    'Which active Cloudflare API tokens can make changes from any IP address?',
    'Which Cloudflare zones do not enforce HTTPS?',
    'Which Cloudflare accounts do not enforce two-factor authentication?',
    'Which Zero Trust users have not signed in for 90 days?',
    'Which Cloudflare members have not logged in to the dashboard for 90 days?',
    'Which Zero Trust users were denied access to Cloudflare Access applications?',
    'Which Cloudflare Tunnels are down, degraded or were never run?',
  ]);
  expect(
    text.match(/^ {6}- (?:name: .+\n {8}resultsAre: \w+\n {8})?(?:resultsAre: \w+\n {8})?query: \|$/gm),
  ).toHaveLength(33);
});

test('every type the queries name is one the integration writes', () => {
  const known = new Set([
    ...Object.values(Entities).map((e) => e._type),
    ...Object.values(Relationships).map((r) => r._type),
  ]);
  const named = new Set([...text.matchAll(/\bcloudflare_[a-z_]+/g)].map((m) => m[0]));
  expect([...named].filter((type) => !known.has(type))).toEqual([]);
  expect(named.size).toBe(12); // cloudflare_zone_settings and cloudflare_tunnel included
});
