import { Entities } from '../../constants';
import { CloudflareAccessGroup } from '../common/accessTypes';
import { accessGroupKey, createAccessGroupEntity } from './converter';

const ACCOUNT = '1fc675a3041063afd773477f673b43cc';
const GROUP = '2c3d4e5f-0000-4000-8000-00000000000a';

describe('createAccessGroupEntity', () => {
  test('rule summaries for all three lists; emails and domains from include only', () => {
    const group: CloudflareAccessGroup = {
      id: GROUP,
      name: 'Contractors',
      include: [
        { email: { email: 'Pat@Partner.Example' } },
        { email_domain: { domain: 'partner.example' } },
        { group: { id: 'other-group' } },
      ],
      require: [{ ip: { ip: '192.0.2.0/24' } }],
      exclude: [{ email: { email: 'sam@partner.example' } }],
      created_at: '2024-01-02T03:04:05Z',
      updated_at: '2024-02-03T04:05:06.123456Z',
    };
    const entity = createAccessGroupEntity(ACCOUNT, group);
    expect(entity).toEqual({
      _key: `cloudflare_access_group:${GROUP}`,
      _type: 'cloudflare_access_group',
      _class: ['UserGroup'],
      id: GROUP,
      name: 'Contractors',
      displayName: 'Contractors',
      includeRules: ['email:pat@partner.example', 'email_domain:partner.example', 'group:other-group'],
      requireRules: ['ip'],
      excludeRules: ['email:sam@partner.example'],
      emails: ['pat@partner.example'],
      emailDomains: ['partner.example'],
      includesEveryone: false,
      accountId: ACCOUNT,
      createdOn: Date.parse('2024-01-02T03:04:05Z'),
      updatedOn: Date.parse('2024-02-03T04:05:06.123Z'),
      _rawData: [{ name: 'default', rawData: group }],
    });
    expect(entity).toMatchGraphObjectSchema({ _class: Entities.ACCESS_GROUP._class });
  });

  test('a group for everyone, with null lists and no name', () => {
    const group: CloudflareAccessGroup = { id: GROUP, name: null, include: [{ everyone: {} }], require: null };
    expect(createAccessGroupEntity(ACCOUNT, group)).toMatchObject({
      name: GROUP,
      includeRules: ['everyone'],
      requireRules: [],
      excludeRules: [],
      emails: [],
      emailDomains: [],
      includesEveryone: true,
    });
  });

  test('without an id the group is refused', () => {
    expect(() => createAccessGroupEntity(ACCOUNT, { id: '' })).toThrow('its id is empty');
  });

  test('key', () => {
    expect(accessGroupKey(GROUP)).toBe(`cloudflare_access_group:${GROUP}`);
  });
});
