import { createMockIntegrationLogger } from '@jupiterone/integration-sdk-testing';
import { PermissionGate } from './PermissionGate';

const ACCOUNT = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);

test('a missing permission is recorded per account (or for the run) and said once', () => {
  const gate = new PermissionGate();
  const logger = createMockIntegrationLogger();
  const warn = jest.spyOn(logger, 'warn');
  const events = jest.spyOn(logger, 'publishEvent');
  gate.reportMissingPermission(logger, 'Access: Apps and Policies Read', ACCOUNT, 'first');
  gate.reportMissingPermission(logger, 'Access: Apps and Policies Read', ACCOUNT, 'again');
  gate.reportMissingPermission(logger, 'API Tokens Read', undefined, 'for the run');

  expect(gate.isDenied('Access: Apps and Policies Read', ACCOUNT)).toBe(true);
  expect(gate.isDenied('Access: Apps and Policies Read', OTHER)).toBe(false);
  expect(gate.isDenied('Access: Apps and Policies Read')).toBe(false);
  expect(gate.isDenied('API Tokens Read')).toBe(true);
  expect(gate.isDenied('API Tokens Read', ACCOUNT)).toBe(false);
  expect(gate.denied).toEqual(
    new Map([
      ['Access: Apps and Policies Read', new Set([ACCOUNT])],
      ['API Tokens Read', new Set(['run'])],
    ]),
  );
  expect(warn.mock.calls).toEqual([
    [{ accountId: ACCOUNT, permission: 'Access: Apps and Policies Read' }, 'first'],
    [{ permission: 'API Tokens Read' }, 'for the run'],
  ]);
  expect(events.mock.calls.map(([e]) => e.name)).toEqual(['permission_missing', 'permission_missing']);
});

test('an account without Zero Trust is marked once', () => {
  const gate = new PermissionGate();
  expect(gate.markZeroTrustOff(ACCOUNT)).toBe(true);
  expect(gate.markZeroTrustOff(ACCOUNT)).toBe(false);
  expect(gate.zeroTrustOff).toEqual(new Set([ACCOUNT]));
});

test("an account's first visit runs alone; the others wait for it, even when it fails", async () => {
  const gate = new PermissionGate();
  const order: string[] = [];
  let release!: () => void;
  const first = gate.firstVisit(ACCOUNT, async () => {
    order.push('first starts');
    await new Promise<void>((resolve) => (release = resolve));
    order.push('first ends');
    throw new Error('no Zero Trust');
  });
  const second = gate.firstVisit(ACCOUNT, async () => void order.push('second'));
  const other = gate.firstVisit(OTHER, async () => void order.push('other account'));
  await other;
  release();
  await expect(first).rejects.toThrow('no Zero Trust');
  await second;
  expect(order).toEqual(['first starts', 'other account', 'first ends', 'second']);
});
