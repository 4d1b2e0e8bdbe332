import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { ZoneRef } from '../common/ZoneRefusals';
import { zoneKey } from '../zones/converter';
import { ZonePosture } from './securityPosture';

export function zoneSettingsKey(zoneId: string): string {
  return `${Entities.ZONE_SETTINGS._type}:${zoneId}`;
}

/**
 * One zone's security settings and DNSSEC status, as read (a kind of request
 * that was refused leaves its properties out). The zone is named by zoneId,
 * zoneName and accountId, so a query can filter without the HAS edge.
 */
export function createZoneSettingsEntity(zone: ZoneRef, posture: ZonePosture): Entity {
  return createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        _key: zoneSettingsKey(zone.id),
        _type: Entities.ZONE_SETTINGS._type,
        _class: Entities.ZONE_SETTINGS._class,
        name: `${zone.name} security settings`,
        displayName: `${zone.name} security settings`,
        zoneId: zone.id,
        zoneKey: zoneKey(zone.id),
        zoneName: zone.name,
        accountId: zone.accountId,
        webLink: `https://dash.cloudflare.com/${zone.accountId}/${zone.name}/ssl-tls`,
        ...posture,
      },
    },
  });
}
