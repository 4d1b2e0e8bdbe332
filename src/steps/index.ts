import { accountMemberSteps } from './account-members';
import { accountRoleSteps } from './account-roles';
import { accountSteps } from './accounts';
import { checkAccountIdsSteps } from './check-account-ids';
import { dnsRecordSteps } from './dns-records';
import { zoneSteps } from './zones';

export const integrationSteps = [
  ...accountSteps,
  ...checkAccountIdsSteps,
  ...accountRoleSteps,
  ...accountMemberSteps,
  ...zoneSteps,
  ...dnsRecordSteps,
];
