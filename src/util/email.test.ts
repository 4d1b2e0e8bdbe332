import { describeEmailOddities, EmailOddity, normalizeEmail, userEmailProperties } from './email';

describe('normalizeEmail', () => {
  test('lower-cases and trims; empty and missing are undefined', () => {
    expect(normalizeEmail(' Ada.Owner@Acme.Example ')).toBe('ada.owner@acme.example');
    expect(normalizeEmail('')).toBeUndefined();
    expect(normalizeEmail('   ')).toBeUndefined();
    expect(normalizeEmail(null)).toBeUndefined();
    expect(normalizeEmail(undefined)).toBeUndefined();
  });

  test('an internationalised domain in either form gives one key; the local part is unchanged', () => {
    expect(normalizeEmail('Anna@Bücher.example')).toBe('anna@xn--bcher-kva.example');
    expect(normalizeEmail('anna@xn--bcher-kva.example')).toBe('anna@xn--bcher-kva.example');
    expect(normalizeEmail('José.García@acme-corp.example')).toBe('josé.garcía@acme-corp.example');
    expect(normalizeEmail('no-at-sign')).toBe('no-at-sign');
  });
});

describe('userEmailProperties', () => {
  test('an ordinary address: email and username, nothing odd', () => {
    expect(userEmailProperties(' Ada.Owner@Acme.Example')).toEqual({
      email: 'ada.owner@acme.example',
      username: 'ada.owner@acme.example',
    });
  });

  test('an IDN domain: email in ASCII form, the original kept', () => {
    expect(userEmailProperties('anna@bücher.example')).toEqual({
      email: 'anna@xn--bcher-kva.example',
      username: 'anna@bücher.example',
      emailOriginal: 'anna@bücher.example',
      oddity: 'ascii-domain',
    });
  });

  test('a non-ASCII local part: email left out (the data model rejects it), the address kept', () => {
    expect(userEmailProperties('josé.garcía@acme-corp.example')).toEqual({
      username: 'josé.garcía@acme-corp.example',
      emailOriginal: 'josé.garcía@acme-corp.example',
      oddity: 'non-ascii-local-part',
    });
  });

  test('not an address at all: kept as username', () => {
    expect(userEmailProperties('service account')).toEqual({
      username: 'service account',
      emailOriginal: 'service account',
      oddity: 'not-an-address',
    });
    expect(userEmailProperties(null)).toEqual({});
  });
});

test('describeEmailOddities: one sentence per kind, five ids at most', () => {
  const oddities = new Map<EmailOddity, string[]>([
    ['ascii-domain', ['m1']],
    ['non-ascii-local-part', ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']],
  ]);
  expect(describeEmailOddities(oddities, 'members of account a')).toEqual([
    '1 members of account a have an internationalised email domain (m1): email holds the domain in its ASCII ' +
      '(punycode) form, emailOriginal the address as Cloudflare gave it.',
    '6 members of account a have an email address whose part before the @ is not ASCII (m1, m2, m3, m4, m5, …), ' +
      "which JupiterOne's email format does not accept: email is left out and the address is kept in username " +
      'and emailOriginal.',
  ]);
});
