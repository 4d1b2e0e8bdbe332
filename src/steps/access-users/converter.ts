import { createIntegrationEntity, Entity } from '@jupiterone/integration-sdk-core';
import { Entities } from '../../constants';
import { userEmailProperties } from '../../util/email';
import { toEpochMs } from '../../util/time';
import { AccessRequestActivity, accessUserActivityProperties } from '../activity/summaries';
import { required } from '../common/required';
import { CloudflareAccessUser } from '../common/zeroTrustTypes';

export function accessUserKey(userId: string): string {
  return `${Entities.ACCESS_USER._type}:${userId}`;
}

/** `activity`: the account's Access authentications from fetch-activity, when read. */
export function createAccessUserEntity(
  accountId: string,
  user: CloudflareAccessUser,
  activity?: AccessRequestActivity,
): Entity {
  const { email, username, emailOriginal } = userEmailProperties(user.email);
  const name = user.name?.trim() || username || user.id;
  return createIntegrationEntity({
    entityData: {
      source: user,
      assign: {
        _key: accessUserKey(required(user.id, 'id')),
        _type: Entities.ACCESS_USER._type,
        _class: Entities.ACCESS_USER._class,
        id: user.id,
        accountId,
        email,
        username,
        emailOriginal,
        name,
        displayName: name,
        uid: user.uid ?? undefined,
        seatUid: user.seat_uid ?? undefined,
        accessSeat: user.access_seat ?? undefined,
        gatewaySeat: user.gateway_seat ?? undefined,
        activeDeviceCount: user.active_device_count ?? undefined,
        lastLoginOn: toEpochMs(user.last_successful_login),
        createdOn: toEpochMs(user.created_at),
        updatedOn: toEpochMs(user.updated_at),
        // Listed users are the account's Zero Trust users; Cloudflare has no disabled state for them.
        active: true,
        ...accessUserActivityProperties(activity, username),
      },
    },
  });
}
