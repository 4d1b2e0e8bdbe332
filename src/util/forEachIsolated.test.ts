import {
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { createMockIntegrationLogger } from '@jupiterone/integration-sdk-testing';
import { forEachIsolated } from './forEachIsolated';

const refused = (item: string) =>
  new IntegrationProviderAuthorizationError({ endpoint: `GET /x/${item}`, status: 403, statusText: 'Forbidden' });
const rejectedToken = () =>
  new IntegrationProviderAuthenticationError({ endpoint: 'GET /x', status: 401, statusText: 'Unauthorized' });

function run(items: string[], fail: (item: string) => Error | undefined, concurrency = 1) {
  const logger = createMockIntegrationLogger();
  const warn = jest.spyOn(logger, 'warn');
  const done: string[] = [];
  const promise = forEachIsolated(items, { concurrency, logger, describe: (item) => `item ${item}` }, async (item) => {
    const error = fail(item);
    if (error) throw error;
    done.push(item);
  });
  return { promise, done, warnings: () => warn.mock.calls.map((call) => String(call[0])) };
}

test('a 403 on the first item fails that item alone: the others run, the step fails at the end', async () => {
  const { promise, done, warnings } = run(['a', 'b', 'c'], (item) => (item === 'a' ? refused(item) : undefined));
  await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthorizationError);
  expect(done).toEqual(['b', 'c']);
  expect(warnings()).toEqual([
    'Collection failed for item a: Provider authorization failed at GET /x/a: 403 Forbidden. Continuing with the rest.',
  ]);
});

test('every item refused (403): each is tried, and the error counts them', async () => {
  const { promise, done } = run(['a', 'b', 'c'], refused);
  await expect(promise).rejects.toThrow('3 of 3 failed (first: item a): Provider authorization failed at GET /x/a');
  expect(done).toEqual([]);
});

test('a rejected token before any success stops the rest: none is started after it', async () => {
  const { promise, done, warnings } = run(['a', 'b', 'c', 'd'], rejectedToken);
  await expect(promise).rejects.toBeInstanceOf(IntegrationProviderAuthenticationError);
  await expect(promise).rejects.toThrow('(3 of 4 not attempted)');
  expect(done).toEqual([]);
  expect(warnings()).toEqual([
    'Stopping item a and the rest: Provider authentication failed at GET /x: 401 Unauthorized',
  ]);
});

test('other failures are isolated: what the rest collect is kept', async () => {
  const { promise, done } = run(['a', 'b', 'c'], (item) => (item === 'b' ? new Error('boom') : undefined), 2);
  await expect(promise).rejects.toThrow('boom');
  expect(done.sort()).toEqual(['a', 'c']);
});
