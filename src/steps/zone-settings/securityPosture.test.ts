import { postureFromDnssec, postureFromSettings } from './securityPosture';

describe('postureFromSettings', () => {
  test('reads every setting the zone entity carries, with exact values', () => {
    expect(
      postureFromSettings([
        { id: 'ssl', value: 'strict', editable: true, modified_on: null },
        { id: 'min_tls_version', value: '1.2', editable: true, modified_on: '2024-01-02T03:04:05Z' },
        { id: 'always_use_https', value: 'on', editable: true, modified_on: null },
        { id: 'tls_1_3', value: 'zrt', editable: true, modified_on: null },
        {
          id: 'security_header',
          value: {
            strict_transport_security: {
              enabled: true,
              max_age: 31536000,
              include_subdomains: true,
              preload: false,
              nosniff: true,
            },
          },
          editable: true,
          modified_on: null,
        },
        { id: 'automatic_https_rewrites', value: 'on', editable: true, modified_on: null },
      ]),
    ).toEqual({
      sslMode: 'strict',
      minTlsVersion: '1.2',
      alwaysUseHttps: true,
      tls13: 'zrt',
      hstsEnabled: true,
      hstsMaxAge: 31536000,
      hstsIncludeSubdomains: true,
      hstsPreload: false,
      hstsNosniff: true,
    });
  });

  test('weak values are kept as they are; off is false, not absent', () => {
    expect(
      postureFromSettings([
        { id: 'ssl', value: 'flexible' },
        { id: 'min_tls_version', value: '1.0' },
        { id: 'always_use_https', value: 'off' },
        { id: 'security_header', value: { strict_transport_security: { enabled: false, max_age: 0 } } },
      ]),
    ).toMatchObject({
      sslMode: 'flexible',
      minTlsVersion: '1.0',
      alwaysUseHttps: false,
      hstsEnabled: false,
      hstsMaxAge: 0,
    });
  });

  test('missing or oddly shaped settings are left out, never guessed', () => {
    const posture = postureFromSettings([
      { id: 'ssl', value: 42 },
      { id: 'always_use_https', value: 'maybe' },
      { id: 'security_header', value: 'on' },
      null as never,
    ]);
    expect(Object.values(posture).every((value) => value === undefined)).toBe(true);
  });
});

describe('postureFromDnssec', () => {
  test.each([
    ['active', true],
    ['pending', false],
    ['disabled', false],
    ['pending-disabled', false],
    ['error', false],
  ])('status %s → dnssecEnabled %s', (status, enabled) => {
    expect(postureFromDnssec({ status })).toEqual({ dnssecStatus: status, dnssecEnabled: enabled });
  });

  test('no answer or no status leaves both out', () => {
    expect(postureFromDnssec(undefined)).toEqual({ dnssecStatus: undefined, dnssecEnabled: undefined });
    expect(postureFromDnssec({ status: null })).toEqual({ dnssecStatus: undefined, dnssecEnabled: undefined });
  });
});
