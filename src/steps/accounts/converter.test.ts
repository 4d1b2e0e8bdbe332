import { CloudflareAccount } from '../../client/types';
import { Entities } from '../../constants';
import { realisticDataset, tinyDataset } from '../../../simulator';
import { accountKey, createAccountEntity } from './converter';

describe('accountKey', () => {
  test('is the type and the account id', () => {
    expect(accountKey('ba68a4165965bae09b3065e30a16ee77')).toBe('cloudflare_account:ba68a4165965bae09b3065e30a16ee77');
  });
});

describe('createAccountEntity', () => {
  test('enforce_twofactor true: an enterprise account with an abuse contact', () => {
    const account = realisticDataset().accounts[0];
    const entity = createAccountEntity(account);
    expect(entity).toEqual({
      _key: 'cloudflare_account:1fc675a3041063afd773477f673b43cc',
      _type: 'cloudflare_account',
      _class: ['Account'],
      id: '1fc675a3041063afd773477f673b43cc',
      name: 'Acme Corp',
      displayName: 'Acme Corp',
      type: 'enterprise',
      mfaEnforced: true,
      mfaEnabled: true,
      abuseContactEmail: 'abuse@acme.example',
      createdOn: Date.UTC(2014, 2, 1, 12, 21, 2),
      webLink: 'https://dash.cloudflare.com/1fc675a3041063afd773477f673b43cc',
      _rawData: [{ name: 'default', rawData: account }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT._class });
  });

  test('enforce_twofactor false stays false (not undefined)', () => {
    const account = tinyDataset().accounts[0];
    const entity = createAccountEntity(account);
    expect(entity).toEqual({
      _key: 'cloudflare_account:ba68a4165965bae09b3065e30a16ee77',
      _type: 'cloudflare_account',
      _class: ['Account'],
      id: 'ba68a4165965bae09b3065e30a16ee77',
      name: 'Tiny Example Account',
      displayName: 'Tiny Example Account',
      type: 'standard',
      mfaEnforced: false,
      mfaEnabled: false,
      // 2020-04-26T01:15:45.54109Z: the fraction is truncated to milliseconds.
      createdOn: Date.UTC(2020, 3, 26, 1, 15, 45, 541),
      webLink: 'https://dash.cloudflare.com/ba68a4165965bae09b3065e30a16ee77',
      _rawData: [{ name: 'default', rawData: account }],
    });
    expect(entity.mfaEnforced).toBe(false);
    expect(entity.mfaEnabled).toBe(false);
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT._class });
  });

  test('settings missing: mfaEnforced is undefined, no claim is made', () => {
    const account: CloudflareAccount = { id: '0123456789abcdef0123456789abcdef', name: 'No Settings' };
    const entity = createAccountEntity(account);
    expect(entity).toEqual({
      _key: 'cloudflare_account:0123456789abcdef0123456789abcdef',
      _type: 'cloudflare_account',
      _class: ['Account'],
      id: '0123456789abcdef0123456789abcdef',
      name: 'No Settings',
      displayName: 'No Settings',
      webLink: 'https://dash.cloudflare.com/0123456789abcdef0123456789abcdef',
      _rawData: [{ name: 'default', rawData: account }],
    });
    expect('mfaEnforced' in entity ? entity.mfaEnforced : undefined).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCOUNT._class });
  });

  test('settings null and enforce_twofactor null both leave mfaEnforced undefined', () => {
    const base = { id: '0123456789abcdef0123456789abcdef', name: 'Nulls' };
    expect(createAccountEntity({ ...base, settings: null }).mfaEnforced).toBeUndefined();
    expect(createAccountEntity({ ...base, settings: { enforce_twofactor: null } }).mfaEnforced).toBeUndefined();
  });

  test('a managed account names its parent organization', () => {
    const account = realisticDataset().accounts[1];
    expect(createAccountEntity(account)).toMatchObject({
      name: 'Acme Labs',
      type: 'standard',
      mfaEnforced: false,
      managedByOrgId: account.managed_by!.parent_org_id,
      managedByOrgName: 'Acme Holdings',
    });
  });
});
