import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { normalizeEmail } from '../../util/email';
import { required } from '../common/required';
import {
  CloudflareDeviceRegistration,
  CloudflareLegacyDevice,
  CloudflarePhysicalDevice,
} from '../common/zeroTrustTypes';

export function deviceKey(deviceId: string): string {
  return `${Entities.DEVICE._type}:${deviceId}`;
}

/** Cloudflare's device_type to the data model's platform enum; ChromeOS runs a Linux kernel. */
const PLATFORMS: Record<string, string> = {
  mac: 'darwin',
  windows: 'windows',
  linux: 'linux',
  android: 'android',
  ios: 'ios',
  chromeos: 'linux',
};

const OS_NAMES: Record<string, string> = {
  mac: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  android: 'Android',
  ios: 'iOS',
  chromeos: 'ChromeOS',
};

export function devicePlatform(deviceType: string | null | undefined): string | undefined {
  if (!deviceType) return undefined;
  return PLATFORMS[deviceType.toLowerCase()] ?? 'other';
}

function osName(deviceType: string | null | undefined): string | undefined {
  return deviceType ? OS_NAMES[deviceType.toLowerCase()] : undefined;
}

/**
 * What a device's registrations say about it, folded as they are read so an
 * account's registrations take a few numbers per device in memory.
 */
export interface RegistrationSummary {
  count: number;
  revoked: number;
  /** Neither revoked nor deleted. */
  active: number;
  latestRevokedOn?: number;
  /** Email of the registration seen (or else created) last, and when. */
  latestUserEmail?: string;
  latestUserOn?: number;
}

/** Folds one registration into its device's summary; a registration without a device id is ignored. */
export function addRegistration(
  summaries: Map<string, RegistrationSummary>,
  registration: CloudflareDeviceRegistration,
): void {
  const deviceId = registration.device?.id;
  if (!deviceId) return;
  let summary = summaries.get(deviceId);
  if (!summary) summaries.set(deviceId, (summary = { count: 0, revoked: 0, active: 0 }));
  summary.count++;
  const revokedOn = toEpochMs(registration.revoked_at);
  if (registration.revoked_at) {
    summary.revoked++;
    if (revokedOn !== undefined && (summary.latestRevokedOn === undefined || revokedOn > summary.latestRevokedOn)) {
      summary.latestRevokedOn = revokedOn;
    }
  } else if (!registration.deleted_at) {
    summary.active++;
  }
  const email = normalizeEmail(registration.user?.email);
  const seenOn =
    toEpochMs(registration.last_seen_at) ?? toEpochMs(registration.updated_at) ?? toEpochMs(registration.created_at);
  if (email && (summary.latestUserEmail === undefined || (seenOn ?? -Infinity) > (summary.latestUserOn ?? -Infinity))) {
    summary.latestUserEmail = email;
    summary.latestUserOn = seenOn;
  }
}

interface DeviceFacts {
  id: string;
  name?: string | null;
  deviceType?: string | null;
  osName?: string;
  ownerEmail?: string;
  revoked: boolean;
  revokedOn?: number;
  deleted: boolean;
  deletedOn?: number;
  activeRegistrations?: number;
}

function deviceEntity(
  accountId: string,
  source: CloudflarePhysicalDevice | CloudflareLegacyDevice,
  facts: DeviceFacts,
  extra: Record<string, string | number | boolean | undefined>,
): Entity {
  const name = facts.name?.trim() || facts.id;
  return createIntegrationEntity({
    entityData: {
      source,
      assign: {
        _key: deviceKey(facts.id),
        _type: Entities.DEVICE._type,
        _class: Entities.DEVICE._class,
        id: facts.id,
        accountId,
        name,
        displayName: name,
        // The data model requires these five; null says "Cloudflare did not report it".
        category: 'endpoint',
        make: source.manufacturer ?? null,
        model: source.model ?? null,
        serial: source.serial_number ?? null,
        deviceId: facts.id,
        platform: devicePlatform(facts.deviceType),
        deviceType: facts.deviceType ?? undefined,
        osName: facts.osName,
        osVersion: source.os_version ?? undefined,
        macAddress: source.mac_address ?? undefined,
        ownerEmail: facts.ownerEmail,
        userEmails: facts.ownerEmail ? [facts.ownerEmail] : undefined,
        revoked: facts.revoked,
        revokedOn: facts.revokedOn,
        deleted: facts.deleted,
        deletedOn: facts.deletedOn,
        activeRegistrations: facts.activeRegistrations,
        ...extra,
      },
    },
  });
}

/**
 * A physical device, with what its registrations say: revoked when it has
 * registrations and every one is revoked; owned by the user last seen on it,
 * or else by the user of its latest registration.
 */
export function createDeviceEntity(
  accountId: string,
  device: CloudflarePhysicalDevice,
  registrations: RegistrationSummary | undefined,
): Entity {
  const id = required(device.id, 'id');
  const revoked =
    registrations !== undefined && registrations.count > 0 && registrations.revoked === registrations.count;
  return deviceEntity(
    accountId,
    device,
    {
      id,
      name: device.name,
      deviceType: device.device_type,
      osName: osName(device.device_type),
      ownerEmail: normalizeEmail(device.last_seen_user?.email) ?? registrations?.latestUserEmail,
      revoked,
      revokedOn: revoked ? registrations?.latestRevokedOn : undefined,
      deleted: Boolean(device.deleted_at),
      deletedOn: toEpochMs(device.deleted_at),
      activeRegistrations: device.active_registrations ?? registrations?.active,
    },
    {
      warpClientVersion: device.client_version ?? undefined,
      hardwareId: device.hardware_id ?? undefined,
      lastSeenOn: toEpochMs(device.last_seen_at),
      createdOn: toEpochMs(device.created_at),
      updatedOn: toEpochMs(device.updated_at),
    },
  );
}

/** A device of the deprecated /devices list: one registration, keyed by its registration id. */
export function createLegacyDeviceEntity(accountId: string, device: CloudflareLegacyDevice): Entity {
  const id = required(device.id, 'id');
  const revoked = Boolean(device.revoked_at);
  const deleted = device.deleted === true;
  return deviceEntity(
    accountId,
    device,
    {
      id,
      name: device.name,
      deviceType: device.device_type,
      osName: device.os_distro_name ?? osName(device.device_type),
      ownerEmail: normalizeEmail(device.user?.email),
      revoked,
      revokedOn: toEpochMs(device.revoked_at),
      deleted,
      activeRegistrations: revoked || deleted ? 0 : 1,
    },
    {
      warpClientVersion: device.version ?? undefined,
      // `version` is the WARP client's, not the device's (the schema's Device.version).
      version: undefined,
      lastSeenOn: toEpochMs(device.last_seen),
      createdOn: toEpochMs(device.created),
      updatedOn: toEpochMs(device.updated),
    },
  );
}
