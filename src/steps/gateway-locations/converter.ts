import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { toEpochMs } from '../../util/time';
import { required } from '../common/required';
import { CloudflareGatewayLocation, EndpointNetworks } from '../common/zeroTrustTypes';

export function gatewayLocationKey(locationId: string): string {
  return `${Entities.GATEWAY_LOCATION._type}:${locationId}`;
}

/** CIDRs of an endpoint's `networks`; undefined when Cloudflare sent none for it. */
function endpointNetworks(networks: EndpointNetworks | undefined): string[] | undefined {
  if (!Array.isArray(networks)) return undefined;
  return networks.map((n) => n?.network).filter((n): n is string => Boolean(n));
}

export function createGatewayLocationEntity(accountId: string, location: CloudflareGatewayLocation): Entity {
  const name = location.name?.trim() || location.id;
  const endpoints = location.endpoints ?? {};
  const networks = (location.networks ?? []).map((n) => n?.network).filter((n): n is string => Boolean(n));
  return createIntegrationEntity({
    entityData: {
      source: location,
      assign: {
        _key: gatewayLocationKey(required(location.id, 'id')),
        _type: Entities.GATEWAY_LOCATION._type,
        _class: Entities.GATEWAY_LOCATION._class,
        id: location.id,
        accountId,
        name,
        displayName: name,
        clientDefault: location.client_default ?? undefined,
        dohSubdomain: location.doh_subdomain ?? undefined,
        ecsSupport: location.ecs_support ?? undefined,
        ipv4Destination: location.ipv4_destination ?? undefined,
        ipv6: location.ip ?? undefined,
        networks,
        dohEnabled: endpoints.doh?.enabled ?? undefined,
        dohRequireToken: endpoints.doh?.require_token ?? undefined,
        // Networks allowed to use each endpoint; empty: any network.
        dohNetworks: endpointNetworks(endpoints.doh?.networks),
        dotNetworks: endpointNetworks(endpoints.dot?.networks),
        ipv6Networks: endpointNetworks(endpoints.ipv6?.networks),
        dotEnabled: endpoints.dot?.enabled ?? undefined,
        ipv4Enabled: endpoints.ipv4?.enabled ?? undefined,
        ipv6Enabled: endpoints.ipv6?.enabled ?? undefined,
        createdOn: toEpochMs(location.created_at),
        updatedOn: toEpochMs(location.updated_at),
      },
    },
  });
}
