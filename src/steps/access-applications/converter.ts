import { createIntegrationEntity, Entity, Relationship } from '@jupiterone/integration-sdk-core';
import { Entities, Relationships } from '../../constants';
import { relationshipBetween, relationshipWith } from '../../util/relationships';
import { toEpochMs } from '../../util/time';
import { accountKey } from '../accounts/converter';
import { identityProviderKey } from '../access-identity-providers/converter';
import { accessPolicyKey, createAccessPolicyEntity, policyUsesGroupRelationships } from '../access-policies/converter';
import { GroupRuleData, includesEveryone, PolicyRuleDataMap, ruleSetData } from '../common/accessRules';
import { CloudflareAccessApplication, CloudflareAccessPolicy } from '../common/accessTypes';
import { required } from '../common/required';

export function accessApplicationKey(appId: string): string {
  return `${Entities.ACCESS_APPLICATION._type}:${appId}`;
}

/** The application's policies[] entries with an id, each id once. */
function policyEntries(app: CloudflareAccessApplication): CloudflareAccessPolicy[] {
  const seen = new Set<string>();
  return (app.policies ?? []).filter((policy) => {
    if (!policy || typeof policy.id !== 'string' || policy.id === '' || seen.has(policy.id)) return false;
    seen.add(policy.id);
    return true;
  });
}

export function createAccessApplicationEntity(accountId: string, app: CloudflareAccessApplication): Entity {
  const id = required(app.id, 'id');
  // Some types (app launcher, WARP) come without a name.
  const name = app.name || app.domain || app.type || id;
  const policyCount = policyEntries(app).length;
  return createIntegrationEntity({
    entityData: {
      source: app,
      assign: {
        _key: accessApplicationKey(id),
        _type: Entities.ACCESS_APPLICATION._type,
        _class: Entities.ACCESS_APPLICATION._class,
        id,
        name,
        displayName: name,
        domain: app.domain ?? undefined,
        appType: app.type ?? undefined,
        aud: app.aud ?? undefined,
        sessionDuration: app.session_duration ?? undefined,
        enableBindingCookie: app.enable_binding_cookie ?? undefined,
        httpOnlyCookieAttribute: app.http_only_cookie_attribute ?? undefined,
        sameSiteCookieAttribute: app.same_site_cookie_attribute || undefined,
        allowAuthenticateViaWarp: app.allow_authenticate_via_warp ?? undefined,
        skipInterstitial: app.skip_interstitial ?? undefined,
        allowedIdps: app.allowed_idps ?? [],
        autoRedirectToIdentity: app.auto_redirect_to_identity ?? undefined,
        appLauncherVisible: app.app_launcher_visible ?? undefined,
        policyCount,
        hasPolicy: policyCount > 0,
        selfHostedDomains: app.self_hosted_domains ?? undefined,
        accountId,
        createdOn: toEpochMs(app.created_at),
        updatedOn: toEpochMs(app.updated_at),
      },
    },
  });
}

export interface ApplicationContext {
  /** Ids of the account's reusable policies (fetch-access-policies). */
  reusablePolicyIds: ReadonlySet<string>;
  /** Whether that list was read to the end (only then is an id missing from it a per-app policy). */
  reusablePoliciesListed: boolean;
  /** Ids of the account's identity providers that were collected. */
  identityProviderIds: readonly string[];
  /** The account's groups (fetch-access-groups). */
  groups: GroupRuleData;
  groupCollected: (groupKey: string) => boolean;
}

export interface ApplicationGraph {
  entities: Entity[];
  relationships: Relationship[];
  /** Per-app (legacy) policies found in this application, by id. */
  inlinePolicies: PolicyRuleDataMap;
  /** allowed_idps ids that were not collected (no edge drawn). */
  unknownIdpIds: string[];
}

/**
 * The application, its per-app policies and its edges. A policies[] entry
 * whose id is a reusable policy is a reference to it; any other entry is a
 * per-app policy and becomes an entity of its own.
 */
export function convertApplication(
  accountId: string,
  app: CloudflareAccessApplication,
  context: ApplicationContext,
): ApplicationGraph {
  const entity = createAccessApplicationEntity(accountId, app);
  const entities: Entity[] = [entity];
  const relationships: Relationship[] = [
    relationshipBetween(Relationships.ACCOUNT_HAS_ACCESS_APPLICATION, accountKey(accountId), entity._key),
  ];
  const inlinePolicies: PolicyRuleDataMap = {};

  for (const policy of policyEntries(app)) {
    const policyKey = accessPolicyKey(policy.id);
    if (!context.reusablePolicyIds.has(policy.id)) {
      const rules = ruleSetData(policy);
      entities.push(
        createAccessPolicyEntity(accountId, policy, {
          // Cloudflare marks reusable only in the reusable list, not on the entries an
          // application embeds: an entry missing from a fully read list is per-app; if
          // the list could not be read, nobody can tell.
          reusable: context.reusablePoliciesListed ? false : undefined,
          appliesToEveryone: includesEveryone(rules, context.groups),
          applicationId: context.reusablePoliciesListed ? app.id : undefined,
        }),
      );
      relationships.push(
        relationshipBetween(Relationships.ACCOUNT_HAS_ACCESS_POLICY, accountKey(accountId), policyKey),
        ...policyUsesGroupRelationships(policy, context.groupCollected),
      );
      inlinePolicies[policy.id] = { decision: policy.decision ?? undefined, rules };
    }
    relationships.push(
      relationshipWith(Relationships.ACCESS_APPLICATION_HAS_POLICY, entity._key, policyKey, {
        precedence: policy.precedence ?? undefined,
      }),
    );
  }

  const allowed = (app.allowed_idps ?? []).filter((id) => typeof id === 'string' && id !== '');
  const implicit = allowed.length === 0;
  const known = new Set(context.identityProviderIds);
  const idpIds = implicit ? [...context.identityProviderIds] : [...new Set(allowed)].filter((id) => known.has(id));
  for (const idpId of idpIds) {
    relationships.push(
      relationshipWith(
        Relationships.ACCESS_APPLICATION_USES_IDENTITY_PROVIDER,
        entity._key,
        identityProviderKey(idpId),
        { implicit },
      ),
    );
  }
  const unknownIdpIds = implicit ? [] : [...new Set(allowed)].filter((id) => !known.has(id));
  return { entities, relationships, inlinePolicies, unknownIdpIds };
}
