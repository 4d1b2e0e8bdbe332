import { accountMemberSteps } from './account-members';
import { activitySteps } from './activity';
import { accountRoleSteps } from './account-roles';
import { accountSteps } from './accounts';
import { checkAccountIdsSteps } from './check-account-ids';
import { dnsRecordSteps } from './dns-records';
import { zoneSettingsSteps } from './zone-settings';
import { zoneSteps } from './zones';
import { accessApplicationSteps } from './access-applications';
import { accessGroupSteps } from './access-groups';
import { accessIdentityProviderSteps } from './access-identity-providers';
import { accessPolicySteps } from './access-policies';
import { accessPolicyUserSteps } from './access-policy-users';
import { accessUserSteps } from './access-users';
import { apiTokenSteps } from './api-tokens';
import { devicePostureRuleSteps } from './device-posture-rules';
import { deviceSteps } from './devices';
import { gatewayLocationSteps } from './gateway-locations';
import { tunnelSteps } from './tunnels';
import { memberZoneAccessSteps } from './member-zone-access';

/** Every step, core areas first (the SDK orders them by dependsOn). */
export const integrationSteps = [
  ...accountSteps,
  ...checkAccountIdsSteps,
  ...activitySteps,
  ...accountRoleSteps,
  ...accountMemberSteps,
  ...zoneSteps,
  ...dnsRecordSteps,
  ...zoneSettingsSteps,
  ...memberZoneAccessSteps,
  ...apiTokenSteps,
  ...accessUserSteps,
  ...deviceSteps,
  ...devicePostureRuleSteps,
  ...gatewayLocationSteps,
  ...tunnelSteps,
  ...accessIdentityProviderSteps,
  ...accessGroupSteps,
  ...accessPolicySteps,
  ...accessApplicationSteps,
  ...accessPolicyUserSteps,
];
