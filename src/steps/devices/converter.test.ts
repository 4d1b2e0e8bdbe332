import { Entities } from '../../constants';
import {
  CloudflareDeviceRegistration,
  CloudflareLegacyDevice,
  CloudflarePhysicalDevice,
} from '../common/zeroTrustTypes';
import {
  addRegistration,
  createDeviceEntity,
  createLegacyDeviceEntity,
  deviceKey,
  devicePlatform,
  RegistrationSummary,
} from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const DEVICE = '6d8f3a1c-1b2e-4c3d-9e8f-0a1b2c3d4e5f';

function registration(
  id: string,
  fields: Partial<CloudflareDeviceRegistration> & { deviceId?: string; email?: string },
): CloudflareDeviceRegistration {
  const { deviceId = DEVICE, email, ...rest } = fields;
  return {
    id,
    created_at: '2024-01-01T00:00:00Z',
    device: { id: deviceId, name: 'ignored' },
    user: email ? { id: `user-${email}`, email, name: email } : null,
    ...rest,
  };
}

function summarize(...registrations: CloudflareDeviceRegistration[]): Map<string, RegistrationSummary> {
  const summaries = new Map<string, RegistrationSummary>();
  for (const r of registrations) addRegistration(summaries, r);
  return summaries;
}

const macBook: CloudflarePhysicalDevice = {
  id: DEVICE,
  name: 'Ada MacBook Pro',
  active_registrations: 1,
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-05-02T10:00:00.5Z',
  last_seen_at: '2024-05-02T09:59:00Z',
  deleted_at: null,
  client_version: '2024.4.133.0',
  device_type: 'mac',
  hardware_id: 'HW-1234',
  os_version: '14.4.1',
  os_version_extra: '(a)',
  manufacturer: 'Apple Inc.',
  model: 'MacBookPro18,3',
  serial_number: 'C02XYZ123ABC',
  mac_address: 'f0:18:98:12:34:56',
  tags: null,
  last_seen_user: { id: 'u1', email: 'Ada.Owner@Acme.Example', name: 'Ada Owner' },
};

describe('devicePlatform', () => {
  test.each([
    ['mac', 'darwin'],
    ['windows', 'windows'],
    ['linux', 'linux'],
    ['android', 'android'],
    ['ios', 'ios'],
    ['chromeos', 'linux'],
    ['Windows', 'windows'],
    ['fuchsia', 'other'],
  ])('%s → %s', (type, platform) => {
    expect(devicePlatform(type)).toBe(platform);
  });

  test('no type, no platform', () => {
    expect(devicePlatform(null)).toBeUndefined();
    expect(devicePlatform(undefined)).toBeUndefined();
    expect(devicePlatform('')).toBeUndefined();
  });
});

describe('addRegistration', () => {
  test('counts, revoked and active registrations, the latest revocation and the latest user', () => {
    const summaries = summarize(
      registration('r1', { email: 'Old.Owner@Acme.Example', last_seen_at: '2024-01-10T00:00:00Z' }),
      registration('r2', { email: 'New.Owner@Acme.Example', last_seen_at: '2024-03-10T00:00:00Z' }),
      registration('r3', { revoked_at: '2024-02-01T00:00:00Z', email: 'Old.Owner@Acme.Example' }),
      registration('r4', { revoked_at: '2024-04-01T00:00:00.25Z' }),
      registration('r5', { deleted_at: '2024-04-02T00:00:00Z' }),
      registration('r6', { deviceId: 'other-device' }),
    );
    expect(summaries.get(DEVICE)).toEqual({
      count: 5,
      revoked: 2,
      active: 2,
      latestRevokedOn: Date.parse('2024-04-01T00:00:00.250Z'),
      latestUserEmail: 'new.owner@acme.example',
      latestUserOn: Date.parse('2024-03-10T00:00:00Z'),
    });
    expect(summaries.get('other-device')).toEqual({ count: 1, revoked: 0, active: 1 });
  });

  test('without last_seen_at, updated_at then created_at date the registration', () => {
    const summaries = summarize(
      registration('r1', { email: 'a@x.example', created_at: '2024-03-01T00:00:00Z' }),
      registration('r2', {
        email: 'b@x.example',
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-04-01T00:00:00Z',
      }),
      registration('r3', { email: 'c@x.example', created_at: '2024-02-01T00:00:00Z' }),
    );
    expect(summaries.get(DEVICE)?.latestUserEmail).toBe('b@x.example');
  });

  test('a registration without a device id is ignored', () => {
    const summaries = summarize({ id: 'r1', device: null }, { id: 'r2', device: { id: null } });
    expect(summaries.size).toBe(0);
  });
});

describe('createDeviceEntity', () => {
  test('an active device: every field, owner from last_seen_user, lower-cased', () => {
    const entity = createDeviceEntity(
      ACCOUNT,
      macBook,
      summarize(registration('r1', { email: 'x@y.example' })).get(DEVICE),
    );
    expect(entity).toEqual({
      _key: `cloudflare_device:${DEVICE}`,
      _type: 'cloudflare_device',
      _class: ['Device'],
      id: DEVICE,
      accountId: ACCOUNT,
      name: 'Ada MacBook Pro',
      displayName: 'Ada MacBook Pro',
      category: 'endpoint',
      make: 'Apple Inc.',
      model: 'MacBookPro18,3',
      serial: 'C02XYZ123ABC',
      deviceId: DEVICE,
      platform: 'darwin',
      deviceType: 'mac',
      osName: 'macOS',
      osVersion: '14.4.1',
      macAddress: 'f0:18:98:12:34:56',
      ownerEmail: 'ada.owner@acme.example',
      userEmails: ['ada.owner@acme.example'],
      revoked: false,
      deleted: false,
      activeRegistrations: 1,
      warpClientVersion: '2024.4.133.0',
      hardwareId: 'HW-1234',
      lastSeenOn: Date.parse('2024-05-02T09:59:00Z'),
      createdOn: Date.parse('2024-01-01T00:00:00Z'),
      updatedOn: Date.parse('2024-05-02T10:00:00.500Z'),
      _rawData: [{ name: 'default', rawData: macBook }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
  });

  test('revoked when every registration is revoked; revokedOn is the latest revocation', () => {
    const summary = summarize(
      registration('r1', { revoked_at: '2024-02-01T00:00:00Z' }),
      registration('r2', { revoked_at: '2024-03-01T00:00:00Z' }),
    ).get(DEVICE);
    const entity = createDeviceEntity(ACCOUNT, { ...macBook, active_registrations: 0 }, summary);
    expect(entity).toMatchObject({
      revoked: true,
      revokedOn: Date.parse('2024-03-01T00:00:00Z'),
      deleted: false,
      activeRegistrations: 0,
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
  });

  test('not revoked while one registration is not; not revoked without registrations', () => {
    const summary = summarize(registration('r1', { revoked_at: '2024-02-01T00:00:00Z' }), registration('r2', {})).get(
      DEVICE,
    );
    expect(createDeviceEntity(ACCOUNT, macBook, summary)).toMatchObject({ revoked: false, revokedOn: undefined });
    expect(createDeviceEntity(ACCOUNT, macBook, undefined)).toMatchObject({ revoked: false, revokedOn: undefined });
  });

  test('deleted when deleted_at is set', () => {
    const entity = createDeviceEntity(ACCOUNT, { ...macBook, deleted_at: '2024-05-03T00:00:00Z' }, undefined);
    expect(entity).toMatchObject({ deleted: true, deletedOn: Date.parse('2024-05-03T00:00:00Z') });
  });

  test('owner from the latest registration when no user was last seen; active count from registrations', () => {
    const summary = summarize(
      registration('r1', { email: 'Old@Acme.Example', last_seen_at: '2024-01-01T00:00:00Z' }),
      registration('r2', { email: 'Grace.Auditor@Acme.Example', last_seen_at: '2024-02-01T00:00:00Z' }),
    ).get(DEVICE);
    const entity = createDeviceEntity(
      ACCOUNT,
      { ...macBook, last_seen_user: null, active_registrations: null },
      summary,
    );
    expect(entity).toMatchObject({
      ownerEmail: 'grace.auditor@acme.example',
      userEmails: ['grace.auditor@acme.example'],
      activeRegistrations: 2,
    });
  });

  test('a bare device without a user: required Device fields are null, no owner, named by its id', () => {
    const bare: CloudflarePhysicalDevice = { id: DEVICE, device_type: 'chromeos', last_seen_user: null };
    const entity = createDeviceEntity(ACCOUNT, bare, undefined);
    expect(entity).toEqual({
      _key: `cloudflare_device:${DEVICE}`,
      _type: 'cloudflare_device',
      _class: ['Device'],
      id: DEVICE,
      accountId: ACCOUNT,
      name: DEVICE,
      displayName: DEVICE,
      category: 'endpoint',
      make: null,
      model: null,
      serial: null,
      deviceId: DEVICE,
      platform: 'linux',
      deviceType: 'chromeos',
      osName: 'ChromeOS',
      revoked: false,
      deleted: false,
      _rawData: [{ name: 'default', rawData: bare }],
    });
    expect(entity).not.toHaveProperty('userEmails', expect.anything());
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
  });

  test('a device without an id cannot be converted', () => {
    expect(() => createDeviceEntity(ACCOUNT, { id: null } as unknown as CloudflarePhysicalDevice, undefined)).toThrow(
      'its id is null',
    );
  });

  test('deviceKey', () => {
    expect(deviceKey('abc')).toBe('cloudflare_device:abc');
  });
});

describe('createLegacyDeviceEntity', () => {
  const legacy: CloudflareLegacyDevice = {
    id: 'f5e6d7c8-0000-4000-8000-00000000000a',
    name: 'build-box',
    device_type: 'linux',
    os_version: '22.04',
    os_version_extra: null,
    os_distro_name: 'ubuntu',
    os_distro_revision: '22.04',
    model: 'ThinkStation P360',
    manufacturer: 'Lenovo',
    serial_number: 'PF3ABCDE',
    mac_address: '00:16:3e:12:34:56',
    ip: '192.0.2.10',
    version: '2024.3.409.0',
    created: '2023-06-01T00:00:00Z',
    updated: '2024-04-01T00:00:00Z',
    last_seen: '2024-04-01T12:00:00Z',
    revoked_at: null,
    deleted: false,
    user: { id: 'u9', email: 'Build.Bot@Acme.Example', name: 'Build Bot' },
  };

  test('the legacy shape: WARP version, distro as OS name, user as owner, one active registration', () => {
    const entity = createLegacyDeviceEntity(ACCOUNT, legacy);
    expect(entity).toEqual({
      _key: 'cloudflare_device:f5e6d7c8-0000-4000-8000-00000000000a',
      _type: 'cloudflare_device',
      _class: ['Device'],
      id: 'f5e6d7c8-0000-4000-8000-00000000000a',
      accountId: ACCOUNT,
      name: 'build-box',
      displayName: 'build-box',
      category: 'endpoint',
      make: 'Lenovo',
      model: 'ThinkStation P360',
      serial: 'PF3ABCDE',
      deviceId: 'f5e6d7c8-0000-4000-8000-00000000000a',
      platform: 'linux',
      deviceType: 'linux',
      osName: 'ubuntu',
      osVersion: '22.04',
      macAddress: '00:16:3e:12:34:56',
      ownerEmail: 'build.bot@acme.example',
      userEmails: ['build.bot@acme.example'],
      revoked: false,
      deleted: false,
      activeRegistrations: 1,
      warpClientVersion: '2024.3.409.0',
      lastSeenOn: Date.parse('2024-04-01T12:00:00Z'),
      createdOn: Date.parse('2023-06-01T00:00:00Z'),
      updatedOn: Date.parse('2024-04-01T00:00:00Z'),
      _rawData: [{ name: 'default', rawData: legacy }],
    });
    // The WARP version is not the device's version.
    expect(entity.version).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
  });

  test('revoked_at and deleted flag the legacy device; no active registration', () => {
    expect(createLegacyDeviceEntity(ACCOUNT, { ...legacy, revoked_at: '2024-04-02T00:00:00Z' })).toMatchObject({
      revoked: true,
      revokedOn: Date.parse('2024-04-02T00:00:00Z'),
      deleted: false,
      activeRegistrations: 0,
    });
    const deleted = createLegacyDeviceEntity(ACCOUNT, { ...legacy, deleted: true });
    expect(deleted).toMatchObject({ revoked: false, deleted: true, activeRegistrations: 0 });
    expect(deleted.deletedOn).toBeUndefined();
  });

  test('a legacy device without a user or distro: no owner, OS name from its type', () => {
    const entity = createLegacyDeviceEntity(ACCOUNT, {
      ...legacy,
      user: null,
      os_distro_name: null,
      device_type: 'windows',
    });
    expect(entity).toMatchObject({
      ownerEmail: undefined,
      userEmails: undefined,
      osName: 'Windows',
      platform: 'windows',
    });
  });
});
