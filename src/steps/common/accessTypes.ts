/**
 * Shapes of the Cloudflare Access configuration objects (docs/cloudflare-facts.md#access-identity-providers,
 * #access-groups, #access-policies, #access-applications).
 * Only the fields we read are typed; enums are open strings and most fields
 * may be null or missing.
 */

/** One element of an include/require/exclude list: exactly one key, e.g. `{ email: { email } }`. */
export type AccessRule = Record<string, unknown>;

export interface AccessRuleLists {
  include?: AccessRule[] | null;
  require?: AccessRule[] | null;
  exclude?: AccessRule[] | null;
}

export interface CloudflareAccessIdentityProvider {
  id: string;
  name?: string | null;
  /** onetimepin | azureAD | saml | okta | google | github | oidc | ... */
  type?: string | null;
  /** Type-specific; may hold client_secret (never stored). */
  config?: Record<string, unknown> | null;
  /** May hold `secret` (never stored). */
  scim_config?: Record<string, unknown> | null;
}

export interface CloudflareAccessGroup extends AccessRuleLists {
  id: string;
  name?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface CloudflareAccessPolicy extends AccessRuleLists {
  id: string;
  name?: string | null;
  /** allow | deny | non_identity | bypass */
  decision?: string | null;
  /** Order within an application (per-app entries only). */
  precedence?: number | null;
  app_count?: number | null;
  session_duration?: string | null;
  approval_required?: boolean | null;
  approval_groups?: Array<{
    approvals_needed?: number | null;
    email_addresses?: string[] | null;
    email_list_uuid?: string | null;
  } | null> | null;
  purpose_justification_required?: boolean | null;
  purpose_justification_prompt?: string | null;
  isolation_required?: boolean | null;
  mfa_config?: {
    allowed_authenticators?: string[] | null;
    mfa_disabled?: boolean | null;
    session_duration?: string | null;
  } | null;
  created_at?: string | null;
  updated_at?: string | null;
}

export interface CloudflareAccessApplication {
  id: string;
  aud?: string | null;
  name?: string | null;
  domain?: string | null;
  /** self_hosted | saas | ssh | vnc | app_launcher | warp | bookmark | ... */
  type?: string | null;
  self_hosted_domains?: string[] | null;
  /** Empty or absent: every identity provider of the account. */
  allowed_idps?: string[] | null;
  auto_redirect_to_identity?: boolean | null;
  app_launcher_visible?: boolean | null;
  session_duration?: string | null;
  enable_binding_cookie?: boolean | null;
  http_only_cookie_attribute?: boolean | null;
  /** strict | lax | none */
  same_site_cookie_attribute?: string | null;
  allow_authenticate_via_warp?: boolean | null;
  skip_interstitial?: boolean | null;
  /** References to reusable policies (by id) or legacy inline policies. */
  policies?: CloudflareAccessPolicy[] | null;
  tags?: string[] | null;
  created_at?: string | null;
  updated_at?: string | null;
}
