import { Entity, IntegrationProviderAPIError, IntegrationStep, Relationship } from '@jupiterone/integration-sdk-core';
import { Endpoints, quiet } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import { ingestionSourceOf } from '../../areas';
import { oneLine } from '../../util/oneLine';
import { relationshipBetween } from '../../util/relationships';
import { accessUserKeysByEmail } from '../access-users';
import { accountKey } from '../accounts/converter';
import { CollectSpec, GraphObjects, runStep, StepContext, StepRun } from '../common/StepRun';
import {
  CloudflareDeviceRegistration,
  CloudflareLegacyDevice,
  CloudflarePhysicalDevice,
} from '../common/zeroTrustTypes';
import { addRegistration, createDeviceEntity, createLegacyDeviceEntity, RegistrationSummary } from './converter';

function isNotFound(err: unknown): boolean {
  return err instanceof IntegrationProviderAPIError && err.status === 404;
}

/** Thrown inside an account's listing when physical-devices or registrations answers 404 before any page. */
class NewDeviceApiMissing extends Error {
  constructor(readonly path: string) {
    super(`${path} answered 404`);
  }
}

/**
 * Lists one endpoint; a 404 on its first request means the endpoint does
 * not exist for this account (NewDeviceApiMissing). A 404 after items were
 * read is a real failure and is rethrown.
 */
async function collectUnlessMissing<T>(run: StepRun, spec: Omit<CollectSpec<T>, 'onAdded'>): Promise<void> {
  let pages = 0;
  try {
    await run.collect<T>({ ...spec, onAdded: () => pages++ });
  } catch (err) {
    if (isNotFound(err) && pages === 0) {
      throw new NewDeviceApiMissing(Endpoints[spec.endpoint].path.replace('/accounts/{accountId}', ''));
    }
    throw err;
  }
}

export async function fetchDevices(context: StepContext): Promise<void> {
  await runStep(context, async (run) => {
    const { includeRevoked, includeDeleted } = run.settings.devices;
    const devices = run.tally('devices');
    run.tally('device registrations');
    await run.forEachAccountInArea(
      { what: 'devices', endpoints: ['physicalDevices', 'deviceRegistrations'] },
      async (accountId) => {
        const usersByEmail = await accessUserKeysByEmail(run.jobState, accountId);
        const leftOut = { deleted: 0, revoked: 0 };

        /** The device's graph objects, or none when the options leave it out. */
        const toGraph = (device: Entity): GraphObjects => {
          if (device.deleted === true && !includeDeleted) {
            leftOut.deleted++;
            return {};
          }
          if (device.revoked === true && !includeRevoked) {
            leftOut.revoked++;
            return {};
          }
          const relationships: Relationship[] = [
            relationshipBetween(Relationships.ACCOUNT_HAS_DEVICE, accountKey(accountId), device._key),
          ];
          const owner = device.ownerEmail as string | undefined;
          const userKey = owner ? usersByEmail[owner] : undefined;
          if (userKey)
            relationships.push(relationshipBetween(Relationships.ACCESS_USER_HAS_DEVICE, userKey, device._key));
          return { entities: [device], relationships };
        };

        try {
          await collectAccountDevices(run, accountId, toGraph);
        } finally {
          // Left-out devices were counted as collected by the listing.
          devices.added -= leftOut.deleted + leftOut.revoked;
          if (leftOut.deleted) run.tally('left out as deleted (INCLUDE_DELETED_DEVICES off)').added += leftOut.deleted;
          if (leftOut.revoked) run.tally('left out as revoked (INCLUDE_REVOKED_DEVICES off)').added += leftOut.revoked;
        }
      },
    );
  });
}

/**
 * physical-devices merged with registrations, or the deprecated /devices list
 * where the new endpoints are missing. The fallback stays while Cloudflare's
 * schema still lists /devices: it costs nothing when the new lists answer,
 * and is the only source of devices where they do not.
 */
async function collectAccountDevices(
  run: StepRun,
  accountId: string,
  toGraph: (device: Entity) => GraphObjects,
): Promise<void> {
  const scope = `account ${accountId}`;
  try {
    // Registrations first (small records per device), so each page of devices converts as it arrives.
    const registrations = new Map<string, RegistrationSummary>();
    await collectUnlessMissing<CloudflareDeviceRegistration>(run, {
      endpoint: 'deviceRegistrations',
      params: { accountId },
      scope,
      what: 'device registrations',
      describe: (registration) => `device registration ${registration?.id}`,
      convert: (registration) => {
        addRegistration(registrations, registration);
        return {};
      },
    });
    await collectUnlessMissing<CloudflarePhysicalDevice>(run, {
      endpoint: 'physicalDevices',
      params: { accountId },
      scope,
      what: 'devices',
      describe: (device) => `device ${device?.id}`,
      convert: (device) => toGraph(createDeviceEntity(accountId, device, registrations.get(device.id))),
    });
  } catch (err) {
    if (!(err instanceof NewDeviceApiMissing)) throw err;
    run.logger.info(
      { accountId },
      oneLine(
        `Account ${accountId}: ${err.path} answered 404, so devices were read from the deprecated ` +
          '/devices list (end of life 2025-11-11) instead.',
      ),
    );
    await collectLegacyDevices(run, accountId, toGraph);
  }
}

async function collectLegacyDevices(
  run: StepRun,
  accountId: string,
  toGraph: (device: Entity) => GraphObjects,
): Promise<void> {
  try {
    await run.collect<CloudflareLegacyDevice>({
      endpoint: 'legacyDevices',
      params: { accountId },
      scope: `account ${accountId}`,
      what: 'devices',
      describe: (device) => `device ${device?.id}`,
      convert: (device) => toGraph(createLegacyDeviceEntity(accountId, device)),
    });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const apiError = err as IntegrationProviderAPIError;
    throw quiet(
      new IntegrationProviderAPIError({
        endpoint: apiError.endpoint,
        status: apiError.status,
        statusText: oneLine(
          `devices of account ${accountId} could not be read: /devices/physical-devices and the retired /devices ` +
            'list both answered 404. Device types are reported partial, so JupiterOne keeps the previous devices.',
        ),
        cause: apiError,
      }),
    );
  }
}

export const deviceSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DEVICES,
    name: 'Fetch Zero Trust Devices',
    entities: [Entities.DEVICE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE, Relationships.ACCESS_USER_HAS_DEVICE],
    dependsOn: [Steps.ACCESS_USERS],
    ingestionSourceId: ingestionSourceOf(Steps.DEVICES),
    executionHandler: fetchDevices,
  },
];
