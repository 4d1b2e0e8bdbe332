import { Entities } from '../../src/constants';
import { isAdminRoleName, isSuperAdminRoleName, SUPER_ADMIN_ROLE } from '../../src/cloudflare/roles';
import { createRoleEntity } from '../../src/steps/account-roles/converter';
import { SUPER_ADMIN_ROLE as GRAPH_SUPER_ADMIN_ROLE } from '../graph/types';
import { isSuperAdminRole } from './plan';

// The graph (createRoleEntity's superAdmin) and the enforcement guard (the
// last Super Administrator) must call the same roles the account owner.
describe('the collector and the governance CLI agree on Cloudflare role facts', () => {
  test.each([
    ['Super Administrator - All Privileges', true],
    ['Super Administrator', false],
    ['Super Administrator - Read Only', false],
    ['super administrator - all privileges', false],
    ['Administrator', false],
    ['DNS', false],
  ])('%j is the owner role: %s', (name, owner) => {
    const entity = createRoleEntity(
      '0123456789abcdef0123456789abcdef',
      { id: 'fedcba9876543210fedcba9876543210', name },
      true,
    );
    expect(entity._type).toBe(Entities.ACCOUNT_ROLE._type);
    expect(entity.superAdmin).toBe(owner);
    expect(isSuperAdminRole({ name })).toBe(owner);
    expect(isSuperAdminRoleName(name)).toBe(owner);
    if (owner) expect(isAdminRoleName(name)).toBe(true);
  });

  test('the review reads the same owner role name', () => {
    expect(GRAPH_SUPER_ADMIN_ROLE).toBe(SUPER_ADMIN_ROLE);
  });
});
