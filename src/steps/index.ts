import { accountMemberSteps } from './account-members';
import { accountRoleSteps } from './account-roles';
import { accountSteps } from './accounts';
import { dnsRecordSteps } from './dns-records';
import { zoneSteps } from './zones';

export const integrationSteps = [
  ...accountSteps,
  ...accountRoleSteps,
  ...accountMemberSteps,
  ...zoneSteps,
  ...dnsRecordSteps,
];
