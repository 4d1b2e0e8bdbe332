import { Entities } from '../../constants';
import { CloudflareAccessUser } from '../common/zeroTrustTypes';
import { accessUserKey, createAccessUserEntity } from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';

describe('createAccessUserEntity', () => {
  test('every field, email lower-cased, timestamps in epoch ms', () => {
    const user: CloudflareAccessUser = {
      id: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
      uid: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
      seat_uid: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8416',
      email: 'Ada.Owner@Acme.Example',
      name: 'Ada Owner',
      access_seat: true,
      gateway_seat: false,
      active_device_count: 2,
      last_successful_login: '2024-05-01T08:30:00.123456Z',
      created_at: '2023-01-02T03:04:05Z',
      updated_at: '2024-05-01T08:30:00Z',
    };
    const entity = createAccessUserEntity(ACCOUNT, user);
    expect(entity).toEqual({
      _key: 'cloudflare_access_user:f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
      _type: 'cloudflare_access_user',
      _class: ['User'],
      id: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
      accountId: ACCOUNT,
      email: 'ada.owner@acme.example',
      username: 'ada.owner@acme.example',
      name: 'Ada Owner',
      displayName: 'Ada Owner',
      uid: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
      seatUid: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8416',
      accessSeat: true,
      gatewaySeat: false,
      activeDeviceCount: 2,
      lastLoginOn: Date.parse('2024-05-01T08:30:00.123Z'),
      createdOn: Date.parse('2023-01-02T03:04:05Z'),
      updatedOn: Date.parse('2024-05-01T08:30:00Z'),
      active: true,
      _rawData: [{ name: 'default', rawData: user }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_USER._class });
  });

  test('a user with only an id and an email is named by the email; nulls are left out', () => {
    const user: CloudflareAccessUser = {
      id: '0d9a2c55-52fb-4a4a-8f59-3c3f5e0d3b11',
      email: 'NoName@Partner.Example',
      name: null,
      access_seat: null,
      gateway_seat: null,
      active_device_count: null,
      last_successful_login: null,
      created_at: null,
      updated_at: null,
    };
    const entity = createAccessUserEntity(ACCOUNT, user);
    expect(entity).toEqual({
      _key: 'cloudflare_access_user:0d9a2c55-52fb-4a4a-8f59-3c3f5e0d3b11',
      _type: 'cloudflare_access_user',
      _class: ['User'],
      id: '0d9a2c55-52fb-4a4a-8f59-3c3f5e0d3b11',
      accountId: ACCOUNT,
      email: 'noname@partner.example',
      username: 'noname@partner.example',
      name: 'noname@partner.example',
      displayName: 'noname@partner.example',
      active: true,
      _rawData: [{ name: 'default', rawData: user }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_USER._class });
  });

  test('without email or name the id names it', () => {
    const entity = createAccessUserEntity(ACCOUNT, { id: '3b7d3a5e-0000-4000-8000-000000000001' });
    expect(entity).toMatchObject({ name: '3b7d3a5e-0000-4000-8000-000000000001', email: undefined });
  });

  test('a user without an id cannot be converted (the step skips it by name)', () => {
    expect(() => createAccessUserEntity(ACCOUNT, { id: null } as unknown as CloudflareAccessUser)).toThrow(
      'its id is null',
    );
  });

  test('accessUserKey', () => {
    expect(accessUserKey('abc')).toBe('cloudflare_access_user:abc');
  });
});
