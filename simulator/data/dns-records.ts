/**
 * DNS record builders: realistic `content`, `data` and `priority` for every
 * record type the integration may meet (docs/cloudflare-facts.md#dns-records).
 */
import type { SimDnsRecord } from '../types';
import { base64String, hexString } from './random';

export const DNS_RECORD_TYPES = [
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'TXT',
  'NS',
  'SRV',
  'CAA',
  'PTR',
  'HTTPS',
  'SVCB',
  'TLSA',
  'SSHFP',
  'URI',
  'NAPTR',
  'DS',
  'LOC',
  'CERT',
  'SMIMEA',
  'DNSKEY',
] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** TTLs seen on non-automatic records; 1 means "automatic". */
export const TTL_CHOICES = [60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400] as const;

interface Shape {
  name: string;
  content: string;
  proxiable: boolean;
  priority?: number;
  data?: Record<string, unknown>;
}

const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'];
const SRV_SERVICES: Array<[string, number, string]> = [
  ['_sip._tcp', 5060, 'sip'],
  ['_xmpp-server._tcp', 5269, 'xmpp'],
  ['_ldap._tcp', 389, 'ldap'],
];
const CAA_TAGS: Array<[string, string]> = [
  ['issue', 'letsencrypt.org'],
  ['issuewild', 'pki.goog'],
  ['iodef', 'mailto:security@'],
];

function host(n: number, zone: string, prefix = 'host'): string {
  return n === 0 ? zone : `${prefix}-${n}.${zone}`;
}

/** `n` varies names and values; `salt` (the record id) seeds hex/base64 material. */
function shapeFor(type: DnsRecordType, zone: string, n: number, salt: string): Shape {
  switch (type) {
    case 'A':
      return { name: host(n, zone), content: `${TEST_NETS[n % 3]}.${((n * 7) % 254) + 1}`, proxiable: true };
    case 'AAAA':
      return {
        name: host(n, zone),
        content: n === 0 ? '2001:db8::1' : `2001:db8:${(n % 0xffff).toString(16)}::${((n % 254) + 1).toString(16)}`,
        proxiable: true,
      };
    case 'CNAME':
      return {
        name: n === 0 ? `www.${zone}` : `app-${n}.${zone}`,
        content: `lb-${n % 7}.origin.example.net`,
        proxiable: true,
      };
    case 'MX': {
      const priority = 10 * ((n % 3) + 1);
      return { name: zone, content: `mx${(n % 3) + 1}.mail.example.net`, priority, proxiable: false };
    }
    case 'TXT': {
      const variants: Array<[string, string]> = [
        [zone, '"v=spf1 include:_spf.mail.example.net ~all"'],
        [`_dmarc.${zone}`, `"v=DMARC1; p=reject; rua=mailto:dmarc-reports@${zone}"`],
        [zone, `"site-verification=${base64String(43, salt)}"`],
      ];
      const [name, content] = variants[n % 3];
      return { name: n < 3 ? name : `txt-${n}.${zone}`, content, proxiable: false };
    }
    case 'NS':
      return { name: `sub${n}.${zone}`, content: `ns${(n % 2) + 1}.partner-dns.example.net`, proxiable: false };
    case 'SRV': {
      const [service, port, target] = SRV_SERVICES[n % SRV_SERVICES.length];
      const priority = 10;
      const weight = 5 + (n % 5);
      const fqdn = `${target}.${zone}`;
      return {
        name: n < SRV_SERVICES.length ? `${service}.${zone}` : `${service}.srv-${n}.${zone}`,
        content: `${weight} ${port} ${fqdn}`,
        priority,
        proxiable: false,
        data: { priority, weight, port, target: fqdn },
      };
    }
    case 'CAA': {
      const [tag, base] = CAA_TAGS[n % CAA_TAGS.length];
      const value = tag === 'iodef' ? `${base}${zone}` : base;
      return {
        name: host(n >= 3 ? n : 0, zone, 'caa'),
        content: `0 ${tag} "${value}"`,
        proxiable: false,
        data: { flags: 0, tag, value },
      };
    }
    case 'PTR':
      return { name: `${(n % 254) + 1}.ptr.${zone}`, content: `host-${n}.${zone}`, proxiable: false };
    case 'HTTPS': {
      const value = `alpn="h3,h2" ipv4hint="${TEST_NETS[n % 3]}.${(n % 254) + 1}"`;
      return {
        name: n === 0 ? zone : `svc-${n}.${zone}`,
        content: `1 . ${value}`,
        proxiable: false,
        data: { priority: 1, target: '.', value },
      };
    }
    case 'SVCB': {
      const target = `dns.${zone}.`;
      const value = 'alpn="dot" port=853';
      return {
        name: n === 0 ? `_dns.${zone}` : `_dns.svcb-${n}.${zone}`,
        content: `1 ${target} ${value}`,
        proxiable: false,
        data: { priority: 1, target, value },
      };
    }
    case 'TLSA': {
      const certificate = hexString(64, salt, 'tlsa');
      return {
        name: n === 0 ? `_443._tcp.${zone}` : `_443._tcp.tlsa-${n}.${zone}`,
        content: `3 1 1 ${certificate}`,
        proxiable: false,
        data: { usage: 3, selector: 1, matching_type: 1, certificate },
      };
    }
    case 'SSHFP': {
      const fingerprint = hexString(64, salt, 'sshfp');
      return {
        name: n === 0 ? `bastion.${zone}` : `bastion-${n}.${zone}`,
        content: `4 2 ${fingerprint}`,
        proxiable: false,
        data: { algorithm: 4, type: 2, fingerprint },
      };
    }
    case 'URI': {
      const priority = 10;
      const target = `ftp://ftp.${zone}/public`;
      return {
        name: n === 0 ? `_ftp._tcp.${zone}` : `_ftp._tcp.uri-${n}.${zone}`,
        content: `1 "${target}"`,
        priority,
        proxiable: false,
        data: { weight: 1, target },
      };
    }
    case 'NAPTR': {
      const replacement = `_sip._udp.${zone}`;
      return {
        name: n === 0 ? `sip.${zone}` : `sip-${n}.${zone}`,
        content: `100 10 "S" "SIP+D2U" "" ${replacement}.`,
        proxiable: false,
        data: { order: 100, preference: 10, flags: 'S', service: 'SIP+D2U', regex: '', replacement },
      };
    }
    case 'DS': {
      const digest = hexString(64, salt, 'ds').toUpperCase();
      const keyTag = 2371 + n;
      return {
        name: `child${n}.${zone}`,
        content: `${keyTag} 13 2 ${digest}`,
        proxiable: false,
        data: { key_tag: keyTag, algorithm: 13, digest_type: 2, digest },
      };
    }
    case 'LOC':
      return {
        name: n === 0 ? `office.${zone}` : `office-${n}.${zone}`,
        content: '37 46 29.744 N 122 25 9.904 W 17.00m 1.00m 10000.00m 10.00m',
        proxiable: false,
        data: {
          lat_degrees: 37,
          lat_minutes: 46,
          lat_seconds: 29.744,
          lat_direction: 'N',
          long_degrees: 122,
          long_minutes: 25,
          long_seconds: 9.904,
          long_direction: 'W',
          altitude: 17,
          size: 1,
          precision_horz: 10000,
          precision_vert: 10,
        },
      };
    case 'CERT': {
      const certificate = base64String(88, salt, 'cert');
      return {
        name: n === 0 ? `cert.${zone}` : `cert-${n}.${zone}`,
        content: `1 0 0 ${certificate}`,
        proxiable: false,
        data: { type: 1, key_tag: 0, algorithm: 0, certificate },
      };
    }
    case 'SMIMEA': {
      const certificate = hexString(64, salt, 'smimea');
      return {
        name: `${hexString(56, salt, 'owner')}._smimecert.${zone}`,
        content: `3 0 0 ${certificate}`,
        proxiable: false,
        data: { usage: 3, selector: 0, matching_type: 0, certificate },
      };
    }
    case 'DNSKEY': {
      const publicKey = base64String(88, salt, 'dnskey');
      return {
        name: n === 0 ? zone : `keys-${n}.${zone}`,
        content: `257 3 13 ${publicKey}`,
        proxiable: false,
        data: { flags: 257, protocol: 3, algorithm: 13, public_key: publicKey },
      };
    }
  }
}

export interface RecordOptions {
  id: string;
  zone: { id: string; name: string };
  type: DnsRecordType;
  /** Varies the generated name and content. */
  n: number;
  name?: string;
  content?: string;
  ttl: number;
  proxied: boolean;
  /** Drawn by the realistic dataset and not used (Cloudflare's records carry no `locked`). */
  drawnAndUnused?: boolean;
  comment: string | null;
  tags: string[];
  createdOn: string;
  modifiedOn: string;
  autoAdded?: boolean;
}

// Shared, frozen: datasets are read-only and 100k copies only feed the GC.
const META_MANUAL = Object.freeze({
  auto_added: false,
  managed_by_apps: false,
  managed_by_argo_tunnel: false,
  source: 'primary',
});
const META_AUTO_ADDED = Object.freeze({ ...META_MANUAL, auto_added: true });

export function buildDnsRecord(o: RecordOptions): SimDnsRecord {
  const shape = shapeFor(o.type, o.zone.name, o.n, o.id);
  // Cloudflare forces ttl "automatic" (1) on proxied records.
  const proxied = shape.proxiable && o.proxied;
  // Built in key order with plain assignments (no conditional spreads): 100k of these
  // must stay cheap, and the key order is what the serialised body shows.
  const record: Omit<SimDnsRecord, 'comment' | 'tags' | 'created_on' | 'modified_on' | 'meta'> & Partial<SimDnsRecord> =
    {
      id: o.id,
      zone_id: o.zone.id,
      zone_name: o.zone.name,
      name: o.name ?? shape.name,
      type: o.type,
      content: o.content ?? shape.content,
      proxiable: shape.proxiable,
      proxied,
      ttl: proxied ? 1 : o.ttl,
    };
  if (shape.priority !== undefined) record.priority = shape.priority;
  if (shape.data !== undefined) record.data = shape.data;
  record.comment = o.comment;
  record.tags = o.tags;
  record.created_on = o.createdOn;
  record.modified_on = o.modifiedOn;
  record.meta = o.autoAdded ? META_AUTO_ADDED : META_MANUAL;
  return record as SimDnsRecord;
}
