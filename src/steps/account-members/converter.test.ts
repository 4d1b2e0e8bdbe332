import { CloudflareMember } from '../../client/types';
import { Entities } from '../../constants';
import { realisticDataset, SUPER_ADMIN_ROLE, tinyDataset } from '../../../simulator';
import { createMemberEntity, memberKey } from './converter';
import { ACME_LABS, TINY_ACCOUNT } from '../../../test/fixtures';

function tinyMember(id: string): CloudflareMember {
  const member = tinyDataset()
    .membersByAccount.get(TINY_ACCOUNT)!
    .find((m) => m.id === id);
  if (!member) throw new Error(`tiny dataset has no member ${id}`);
  return member;
}

describe('memberKey', () => {
  test('is keyed by membership id', () => {
    expect(memberKey('39c907355338d7f4f141ef5edf993a5f')).toBe(
      'cloudflare_account_member:39c907355338d7f4f141ef5edf993a5f',
    );
  });
});

describe('createMemberEntity', () => {
  test('an accepted member with 2FA holding Super Administrator', () => {
    const member = tinyMember('39c907355338d7f4f141ef5edf993a5f');
    const entity = createMemberEntity(TINY_ACCOUNT, member);
    expect(entity).toEqual({
      _key: 'cloudflare_account_member:39c907355338d7f4f141ef5edf993a5f',
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: '39c907355338d7f4f141ef5edf993a5f',
      userId: 'b5d5d9d08aeb0c62ab458b8587561271',
      accountId: TINY_ACCOUNT,
      email: 'ada.owner@example.com',
      username: 'ada.owner@example.com',
      name: 'Ada Owner',
      displayName: 'Ada Owner',
      firstName: 'Ada',
      lastName: 'Owner',
      mfaEnabled: true,
      status: 'accepted',
      active: true,
      admin: true,
      superAdmin: true,
      roles: ['Super Administrator - All Privileges'],
      _rawData: [{ name: 'default', rawData: member }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('an accepted member without 2FA holding Administrator Read Only is not an admin', () => {
    const member = tinyMember('844d64e4af6f6c6384b905f88f5cbe9b');
    const entity = createMemberEntity(TINY_ACCOUNT, member);
    expect(entity).toEqual({
      _key: 'cloudflare_account_member:844d64e4af6f6c6384b905f88f5cbe9b',
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: '844d64e4af6f6c6384b905f88f5cbe9b',
      userId: '0ef0c96f1a0906293ed4e8ed27eb51ea',
      accountId: TINY_ACCOUNT,
      email: 'grace.auditor@example.com',
      username: 'grace.auditor@example.com',
      name: 'Grace Auditor',
      displayName: 'Grace Auditor',
      firstName: 'Grace',
      lastName: 'Auditor',
      mfaEnabled: false,
      status: 'accepted',
      active: true,
      admin: false,
      superAdmin: false,
      roles: ['Administrator Read Only'],
      _rawData: [{ name: 'default', rawData: member }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('a pending invite with null names: name falls back to the email, inactive', () => {
    const member = tinyMember('bf464c160074ddbb017616130a93ff04');
    const entity = createMemberEntity(TINY_ACCOUNT, member);
    expect(entity).toEqual({
      _key: 'cloudflare_account_member:bf464c160074ddbb017616130a93ff04',
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: 'bf464c160074ddbb017616130a93ff04',
      userId: '8d4f98023673d61225feb5d33e046701',
      accountId: TINY_ACCOUNT,
      email: 'new.hire@example.com',
      username: 'new.hire@example.com',
      name: 'new.hire@example.com',
      displayName: 'new.hire@example.com',
      mfaEnabled: false,
      status: 'pending',
      active: false,
      admin: false,
      superAdmin: false,
      roles: ['DNS'],
      _rawData: [{ name: 'default', rawData: member }],
    });
    expect(entity.firstName).toBeUndefined();
    expect(entity.lastName).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('an invite with user.id null and only the top-level email', () => {
    const ds = realisticDataset();
    const accountId = ds.accounts[0].id;
    const member = ds.membersByAccount.get(accountId)!.find((m) => m.email === 'contractor@partner.example')!;
    expect(member.user).toMatchObject({ id: null, email: null });
    const entity = createMemberEntity(accountId, member);
    expect(entity).toEqual({
      _key: `cloudflare_account_member:${member.id}`,
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: member.id,
      accountId,
      email: 'contractor@partner.example',
      username: 'contractor@partner.example',
      name: 'contractor@partner.example',
      displayName: 'contractor@partner.example',
      mfaEnabled: false,
      status: 'pending',
      active: false,
      admin: false,
      superAdmin: false,
      roles: ['Audit Logs Viewer'],
      _rawData: [{ name: 'default', rawData: member }],
    });
    expect(entity.userId).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('a rejected member is inactive and keeps its status', () => {
    const ds = realisticDataset();
    const accountId = ds.accounts[0].id;
    const member = ds.membersByAccount.get(accountId)!.find((m) => m.status === 'rejected')!;
    const entity = createMemberEntity(accountId, member);
    expect(entity).toEqual({
      _key: `cloudflare_account_member:${member.id}`,
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: member.id,
      userId: member.user!.id,
      accountId,
      email: member.email,
      username: member.email,
      name: member.email,
      displayName: member.email,
      mfaEnabled: false,
      status: 'rejected',
      active: false,
      admin: false,
      superAdmin: false,
      roles: ['DNS'],
      _rawData: [{ name: 'default', rawData: member }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('a member with nothing but an id: name falls back to the membership id, 2FA unknown stays unknown', () => {
    const member: CloudflareMember = { id: '0123456789abcdef0123456789abcdef', user: null, roles: null, status: null };
    const entity = createMemberEntity(TINY_ACCOUNT, member);
    // user: null says nothing about 2FA: an access review must not read it as "off".
    expect('mfaEnabled' in entity && entity.mfaEnabled !== undefined).toBe(false);
    expect(entity).toEqual({
      _key: 'cloudflare_account_member:0123456789abcdef0123456789abcdef',
      _type: 'cloudflare_account_member',
      _class: ['User'],
      id: '0123456789abcdef0123456789abcdef',
      accountId: TINY_ACCOUNT,
      name: '0123456789abcdef0123456789abcdef',
      displayName: '0123456789abcdef0123456789abcdef',
      active: false,
      admin: false,
      superAdmin: false,
      roles: [],
      _rawData: [{ name: 'default', rawData: member }],
    });
  });

  test('internationalised addresses are kept: IDN domain in ASCII form, a non-ASCII local part outside email', () => {
    const members = realisticDataset().membersByAccount.get(ACME_LABS)!;
    const byEmail = (email: string) => members.find((m) => m.email === email)!;
    const anna = createMemberEntity(ACME_LABS, byEmail('anna@bücher.example'));
    const jose = createMemberEntity(ACME_LABS, byEmail('José.García@acme-corp.example'));
    expect(anna).toMatchObject({
      email: 'anna@xn--bcher-kva.example',
      emailOriginal: 'anna@bücher.example',
      username: 'anna@bücher.example',
      name: 'Anna Bücher',
    });
    expect(jose).toMatchObject({
      emailOriginal: 'josé.garcía@acme-corp.example',
      username: 'josé.garcía@acme-corp.example',
      name: 'José García',
    });
    expect(jose.email).toBeUndefined();
    // The data model's email format: both pass, so neither member is dropped by schema validation.
    expect(anna).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
    expect(jose).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT_MEMBER._class });
  });

  test('a member without an id cannot be converted, and the error names the field', () => {
    const member = { id: null, status: 'accepted', user: null } as unknown as CloudflareMember;
    expect(() => createMemberEntity(TINY_ACCOUNT, member)).toThrow('its id is null');
  });

  test('admin comes from exact role names; a member with several roles lists them all', () => {
    const base: CloudflareMember = {
      id: '0123456789abcdef0123456789abcdef',
      status: 'accepted',
      email: 'x@example.com',
    };
    const role = (name: string) => ({ id: 'fedcba9876543210fedcba9876543210', name });
    expect(createMemberEntity(TINY_ACCOUNT, { ...base, roles: [role('Administrator Read Only')] })).toMatchObject({
      admin: false,
      superAdmin: false,
    });
    expect(createMemberEntity(TINY_ACCOUNT, { ...base, roles: [role('DNS'), role('Administrator')] })).toMatchObject({
      admin: true,
      superAdmin: false,
      roles: ['DNS', 'Administrator'],
    });
    expect(createMemberEntity(TINY_ACCOUNT, { ...base, roles: [SUPER_ADMIN_ROLE] })).toMatchObject({
      admin: true,
      superAdmin: true,
    });
  });
});
