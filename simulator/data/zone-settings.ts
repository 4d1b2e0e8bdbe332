/**
 * Zone settings (docs/cloudflare-facts.md#zone-settings) and DNSSEC
 * (docs/cloudflare-facts.md#dnssec). Builders take the values
 * that matter for security posture; everything else is a fixed default.
 */
import type { SimDnssec, SimDnssecStatus, SimZoneSetting } from '../types';
import { base64String, hash128, hexString } from './random';

export type SslMode = 'off' | 'flexible' | 'full' | 'strict';
export type MinTls = '1.0' | '1.1' | '1.2' | '1.3';
export type Tls13 = 'on' | 'off' | 'zrt';

export interface ZoneSecurity {
  ssl: SslMode;
  minTls: MinTls;
  alwaysUseHttps: boolean;
  tls13: Tls13;
  /** null = HSTS off (the setting is still listed, enabled false). */
  hsts: { maxAge: number; includeSubdomains: boolean; preload: boolean } | null;
  /** modified_on of the settings someone changed; untouched defaults carry null. */
  modifiedOn: string;
  /** Free plans cannot edit a few settings (editable false). */
  freePlan: boolean;
}

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** Every setting the all-settings list returns, in Cloudflare's (alphabetical) order. */
export function buildZoneSettings(s: ZoneSecurity): SimZoneSetting[] {
  const changed = (
    value: SimZoneSetting['value'],
    isDefault: boolean,
    editable = true,
  ): Omit<SimZoneSetting, 'id'> => ({
    value,
    editable,
    modified_on: isDefault ? null : s.modifiedOn,
  });
  const list: Array<[string, Omit<SimZoneSetting, 'id'>]> = [
    ['0rtt', changed('off', true, !s.freePlan)],
    ['always_online', changed('off', true)],
    ['always_use_https', changed(onOff(s.alwaysUseHttps), !s.alwaysUseHttps)],
    ['automatic_https_rewrites', changed(onOff(s.alwaysUseHttps), !s.alwaysUseHttps)],
    ['browser_check', changed('on', true)],
    ['development_mode', { value: 'off', editable: true, modified_on: null }],
    ['http3', changed('on', true)],
    ['ipv6', changed('on', true)],
    ['min_tls_version', changed(s.minTls, s.minTls === '1.0')],
    ['opportunistic_encryption', changed('on', true)],
    [
      'security_header',
      changed(
        {
          strict_transport_security: {
            enabled: s.hsts !== null,
            include_subdomains: s.hsts?.includeSubdomains ?? false,
            max_age: s.hsts?.maxAge ?? 0,
            nosniff: s.hsts !== null,
            preload: s.hsts?.preload ?? false,
          },
        },
        s.hsts === null,
      ),
    ],
    ['ssl', changed(s.ssl, s.ssl === 'flexible')],
    ['tls_1_3', changed(s.tls13, s.tls13 === 'on')],
    ['tls_client_auth', changed('on', true)],
    ['websockets', changed('on', true)],
  ];
  return list.map(([id, rest]) => ({ id, ...rest }));
}

const SSL_CYCLE: SslMode[] = ['full', 'strict', 'flexible', 'full', 'off', 'strict', 'full'];
const TLS_CYCLE: MinTls[] = ['1.2', '1.0', '1.2', '1.1', '1.0', '1.3', '1.2'];
const TLS13_CYCLE: Tls13[] = ['on', 'on', 'zrt', 'off', 'on'];

/** Deterministic, varied posture for generated zones (no PRNG: stable whatever else changes). */
export function variedSecurity(n: number, modifiedOn: string, freePlan: boolean): ZoneSecurity {
  const h = hash128(`zone-security|${n}`)[0];
  const withHsts = h % 4 === 0;
  return {
    ssl: SSL_CYCLE[n % SSL_CYCLE.length],
    minTls: TLS_CYCLE[(n + (h % 3)) % TLS_CYCLE.length],
    alwaysUseHttps: h % 3 !== 0,
    tls13: TLS13_CYCLE[n % TLS13_CYCLE.length],
    hsts: withHsts ? { maxAge: 15552000, includeSubdomains: h % 8 === 0, preload: false } : null,
    modifiedOn,
    freePlan,
  };
}

/** DNSSEC as GET /zones/{id}/dnssec answers; keys are filled once DNSSEC was ever turned on. */
export function buildDnssec(zoneName: string, status: SimDnssecStatus, modifiedOn: string | null): SimDnssec {
  const off = status === 'disabled';
  const digest = hexString(64, 'ds', zoneName).toUpperCase();
  const keyTag = hash128(`keytag|${zoneName}`)[0] % 65536;
  return {
    status,
    algorithm: off ? null : '13',
    digest: off ? null : digest,
    digest_algorithm: off ? null : 'SHA256',
    digest_type: off ? null : '2',
    ds: off ? null : `${zoneName}. 3600 IN DS ${keyTag} 13 2 ${digest}`,
    flags: off ? null : 257,
    key_tag: off ? null : keyTag,
    key_type: off ? null : 'ECDSAP256SHA256',
    public_key: off ? null : `${base64String(86, 'dnskey', zoneName)}==`,
    modified_on: modifiedOn,
    dnssec_multi_signer: false,
    dnssec_presigned: false,
    dnssec_use_nsec3: false,
  };
}
