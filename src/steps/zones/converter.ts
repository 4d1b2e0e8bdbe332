import { domainToUnicode } from 'url';
import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { CloudflareZone } from '../../client/types';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { required } from '../common/required';

export function zoneKey(zoneId: string): string {
  return `${Entities.DNS_ZONE._type}:${zoneId}`;
}

/** The zone as the zones list gives it; its security settings are an entity of their own (fetch-zone-settings). */
export function createZoneEntity(accountId: string, zone: CloudflareZone): Entity {
  // Cloudflare serves IDN zone names in punycode; keep it and add the Unicode form.
  const name = required(zone.name, 'name');
  const unicodeName = domainToUnicode(name);
  return createIntegrationEntity({
    entityData: {
      source: zone,
      assign: {
        _key: zoneKey(required(zone.id, 'id')),
        _type: Entities.DNS_ZONE._type,
        _class: Entities.DNS_ZONE._class,
        id: zone.id,
        accountId,
        name: zone.name,
        displayName: unicodeName || zone.name,
        domainName: zone.name,
        unicodeDomainName: unicodeName && unicodeName !== zone.name ? unicodeName : undefined,
        status: zone.status ?? undefined,
        active: zone.status === 'active' && zone.paused !== true,
        paused: zone.paused ?? undefined,
        type: zone.type ?? undefined,
        plan: zone.plan?.name ?? undefined,
        planId: zone.plan?.id ?? undefined,
        developmentMode: typeof zone.development_mode === 'number' ? zone.development_mode > 0 : undefined,
        nameServers: zone.name_servers ?? undefined,
        originalNameServers: zone.original_name_servers ?? undefined,
        originalRegistrar: zone.original_registrar ?? undefined,
        originalDnsHost: zone.original_dnshost ?? undefined,
        vanityNameServers: zone.vanity_name_servers?.length ? zone.vanity_name_servers : undefined,
        // Cloudflare flagged phishing on the zone.
        phishingDetected: typeof zone.meta?.phishing_detected === 'boolean' ? zone.meta.phishing_detected : undefined,
        createdOn: toEpochMs(zone.created_on),
        modifiedOn: toEpochMs(zone.modified_on),
        updatedOn: toEpochMs(zone.modified_on),
        activatedOn: toEpochMs(zone.activated_on),
        webLink: `https://dash.cloudflare.com/${accountId}/${zone.name}`,
      },
    },
  });
}
