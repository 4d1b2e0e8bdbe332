import { CloudflareRole } from '../../client/types';
import { Entities } from '../../constants';
import { ADMIN_ROLE_ID, ROLE_CATALOGUE, SUPER_ADMIN_ROLE, SUPER_ADMIN_ROLE_ID } from '../../../simulator';
import {
  createRoleEntity,
  flattenPermissions,
  isAdminRoleName,
  isSuperAdminRoleName,
  permissionsEdit,
  roleKey,
} from './converter';

const ACCOUNT_ID = 'ba68a4165965bae09b3065e30a16ee77';
const OTHER_ACCOUNT_ID = '1fc675a3041063afd773477f673b43cc';

describe('roleKey', () => {
  test('includes the account id: Cloudflare reuses role ids across accounts', () => {
    expect(roleKey(ACCOUNT_ID, ADMIN_ROLE_ID)).toBe(
      `cloudflare_account_role:${ACCOUNT_ID}:05784afa30c1afe1440e79d9351c7430`,
    );
    expect(roleKey(ACCOUNT_ID, ADMIN_ROLE_ID)).not.toBe(roleKey(OTHER_ACCOUNT_ID, ADMIN_ROLE_ID));
  });
});

describe('flattenPermissions', () => {
  test('area:flag for granted flags only, sorted; false and missing flags are dropped', () => {
    expect(
      flattenPermissions({
        zone: { read: true, edit: false },
        dns_records: { edit: true, read: true },
        billing: { read: false, edit: false },
        analytics: { read: true, report: true, edit: undefined },
      }),
    ).toEqual(['analytics:read', 'analytics:report', 'dns_records:edit', 'dns_records:read', 'zone:read']);
  });

  test('a single read flag gives zone:read', () => {
    expect(flattenPermissions({ zone: { read: true } })).toEqual(['zone:read']);
  });

  test('null, undefined, empty and all-false permissions give an empty list', () => {
    expect(flattenPermissions(null)).toEqual([]);
    expect(flattenPermissions(undefined)).toEqual([]);
    expect(flattenPermissions({})).toEqual([]);
    expect(flattenPermissions({ zone: { read: false, edit: false } })).toEqual([]);
  });

  test('the list-of-strings shape: leading # dropped, sorted, unique; non-strings ignored', () => {
    expect(flattenPermissions(['#zones:read', '#dns_records:edit', '#dns_records:read', '#zones:read'])).toEqual([
      'dns_records:edit',
      'dns_records:read',
      'zones:read',
    ]);
    expect(flattenPermissions(['', 42, null] as unknown as string[])).toEqual([]);
    expect(flattenPermissions([])).toEqual([]);
  });

  test('both shapes of the same grants give the same list and the same canEdit', () => {
    const object = { zones: { read: true, write: false }, dns_records: { read: true, edit: true } };
    const strings = ['#zones:read', '#dns_records:read', '#dns_records:edit'];
    expect(flattenPermissions(strings)).toEqual(flattenPermissions(object));
    expect(permissionsEdit(flattenPermissions(strings))).toBe(true);
    expect(permissionsEdit(flattenPermissions(object))).toBe(true);
    const readOnly = { zones: { read: true, write: false } };
    expect(flattenPermissions(['#zones:read'])).toEqual(flattenPermissions(readOnly));
    expect(permissionsEdit(flattenPermissions(['#zones:read']))).toBe(false);
    expect(permissionsEdit(flattenPermissions(readOnly))).toBe(false);
  });

  test('only literal true counts (no truthy strings)', () => {
    const odd = { zone: { read: 'true', edit: 1 } } as unknown as CloudflareRole['permissions'];
    expect(flattenPermissions(odd)).toEqual([]);
  });
});

describe('admin role names are matched exactly', () => {
  test.each([
    ['Administrator', true, false],
    ['Super Administrator - All Privileges', true, true],
    ['Administrator Read Only', false, false],
    ['administrator', false, false],
    ['Administrator ', false, false],
    ['Super Administrator', false, false],
    ['DNS', false, false],
  ])('%j: admin %s, superAdmin %s', (name, admin, superAdmin) => {
    expect(isAdminRoleName(name)).toBe(admin);
    expect(isSuperAdminRoleName(name)).toBe(superAdmin);
    const entity = createRoleEntity(ACCOUNT_ID, { id: '0123456789abcdef0123456789abcdef', name }, true);
    expect(entity.admin).toBe(admin);
    expect(entity.superAdmin).toBe(superAdmin);
  });
});

describe('createRoleEntity', () => {
  test('a listed role: the DNS role of the catalogue (served as a list of strings)', () => {
    const role = ROLE_CATALOGUE.find((r) => r.name === 'DNS')!;
    expect(Array.isArray(role.permissions)).toBe(true);
    const entity = createRoleEntity(ACCOUNT_ID, role, true);
    const permissions = [
      'analytics:read',
      'analytics:report',
      'dns_records:edit',
      'dns_records:read',
      'organization:read',
      'zone:read',
    ];
    expect(entity).toEqual({
      _key: `cloudflare_account_role:${ACCOUNT_ID}:${role.id}`,
      _type: 'cloudflare_account_role',
      _class: ['AccessRole'],
      id: role.id,
      accountId: ACCOUNT_ID,
      name: 'DNS',
      displayName: 'DNS',
      description: 'Grants full access to DNS.',
      permissions,
      privilegeNames: permissions,
      admin: false,
      superAdmin: false,
      listedByRolesEndpoint: true,
      _rawData: [{ name: 'default', rawData: role }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_ROLE._class });
  });

  test('Administrator Read Only: read flags only, not an administrator', () => {
    const role = ROLE_CATALOGUE.find((r) => r.name === 'Administrator Read Only')!;
    const entity = createRoleEntity(ACCOUNT_ID, role, true);
    expect(entity).toMatchObject({ admin: false, superAdmin: false, listedByRolesEndpoint: true });
    const permissions = entity.permissions as string[];
    expect(permissions.every((p) => /:(read|report)$/.test(p))).toBe(true);
    expect(permissions).not.toContain('billing:read');
    expect(permissions).toContain('zone:read');
    expect(permissions).toEqual([...permissions].sort());
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_ROLE._class });
  });

  test('Administrator: admin, not super admin', () => {
    const role = ROLE_CATALOGUE.find((r) => r.id === ADMIN_ROLE_ID)!;
    expect(createRoleEntity(ACCOUNT_ID, role, true)).toMatchObject({
      name: 'Administrator',
      admin: true,
      superAdmin: false,
    });
  });

  test('Super Administrator seen only on a member: listedByRolesEndpoint false', () => {
    const entity = createRoleEntity(OTHER_ACCOUNT_ID, SUPER_ADMIN_ROLE, false);
    expect(entity).toMatchObject({
      _key: `cloudflare_account_role:${OTHER_ACCOUNT_ID}:${SUPER_ADMIN_ROLE_ID}`,
      id: SUPER_ADMIN_ROLE_ID,
      accountId: OTHER_ACCOUNT_ID,
      name: 'Super Administrator - All Privileges',
      admin: true,
      superAdmin: true,
      listedByRolesEndpoint: false,
    });
    // 19 areas x {read, edit} plus analytics:report, teams:pii and stream:publish.
    expect(entity.permissions).toHaveLength(19 * 2 + 3);
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_ROLE._class });
  });

  test('a role seen on a member when /roles could not be read: listedByRolesEndpoint absent, not false', () => {
    const entity = createRoleEntity(ACCOUNT_ID, SUPER_ADMIN_ROLE, undefined);
    expect(entity).toMatchObject({ name: 'Super Administrator - All Privileges', superAdmin: true });
    // undefined properties are left out of the written graph.
    expect(entity.listedByRolesEndpoint).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_ROLE._class });
  });

  test('a role without description or permissions', () => {
    const role: CloudflareRole = {
      id: '0123456789abcdef0123456789abcdef',
      name: 'Custom',
      description: null,
      permissions: null,
    };
    expect(createRoleEntity(ACCOUNT_ID, role, true)).toEqual({
      _key: `cloudflare_account_role:${ACCOUNT_ID}:0123456789abcdef0123456789abcdef`,
      _type: 'cloudflare_account_role',
      _class: ['AccessRole'],
      id: '0123456789abcdef0123456789abcdef',
      accountId: ACCOUNT_ID,
      name: 'Custom',
      displayName: 'Custom',
      permissions: [],
      privilegeNames: [],
      admin: false,
      superAdmin: false,
      listedByRolesEndpoint: true,
      _rawData: [{ name: 'default', rawData: role }],
    });
  });
});
