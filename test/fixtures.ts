/**
 * Ids of the simulator's tiny and realistic datasets that tests name, written
 * once (they were re-declared in every step test).
 */

/** tinyDataset: the one account, its two zones and three members. */
export const TINY_ACCOUNT = 'ba68a4165965bae09b3065e30a16ee77';
export const COM_ZONE = '117e94fa2983f4823beed0d08f3a0d39';
export const NET_ZONE = '6442bb04190f885bb028e63b369538d5';
export const ADA = '39c907355338d7f4f141ef5edf993a5f';
export const GRACE = '844d64e4af6f6c6384b905f88f5cbe9b';
export const NEW_HIRE = 'bf464c160074ddbb017616130a93ff04';

/** realisticDataset: its three accounts. */
export const ACME_CORP = '1fc675a3041063afd773477f673b43cc';
export const ACME_LABS = '0da10344e773e794262f8baa2bb3f3c5';
export const SANDBOX = '32895b171ee9cb3f51efebeddc07b8e3';

/** Role ids of the catalogue both datasets use. */
export const ADMIN_READ_ONLY_ID = '58585779bdc27b4b8f29cba6b4286460';
export const DNS_ROLE_ID = 'c998f4b5af9c8e4b110b7f282f35b999';

// ---------------------------------------------------------------------------
// realisticDataset: the access surface (Sandbox has Zero Trust off).
// ---------------------------------------------------------------------------

/** Zones with hand-picked security posture. */
export const ACME_ZONE = '24257b4d5e00aa7a9eaa249604bf6dc9'; // acme.example: ssl strict, TLS 1.2, HSTS preload, DNSSEC active
export const ACME_CDN_ZONE = '1bf7e5e375f8d9578955025a6c90b585'; // acme-cdn.example: ssl full, DNSSEC active
export const ACME_SHOP_ZONE = 'cba7ef8817937a1ea2ece4f8e425f05c'; // acme-shop.example
export const MUNCHEN_ZONE = 'dfd8c7ad2f09ac1faa8b20b99b000e79'; // xn--mnchen-3ya.de: ssl flexible, TLS 1.0, DNSSEC pending
export const ACMELABS_ZONE = '0edaa26c25e6a6411287ad2517580f25'; // acmelabs.example: strict, TLS 1.3, DNSSEC active
export const SANDBOX_ZONE = 'aa7657a98e3c969714d0f918fccb7f41'; // sandbox.example: ssl flexible

/** Acme Corp members: the Super Administrator (policy mirrors its role) and the three appended policy-only members. */
export const SUPER_ADMIN_MEMBER = 'd7b06cbe6d0598b0a1fd8df86bde3f48';
export const POLICY_ONLY_MEMBER = 'a45ca3b7cb965a366e164e0d080f44d0'; // no roles; 'Domain DNS' on ACME_ZONE + ACME_CDN_ZONE
export const ZONE_ADMIN_MEMBER = '8c084c693081f76cee002769fc40fa7a'; // no roles; Domain Administrator on ACME_SHOP_ZONE, Read Only on ACME_ZONE
export const ACCOUNT_POLICY_MEMBER = '74245d3932b8511da1c3f2a6843b971c'; // no roles; DNS + Zone Read account-wide, deny DNS on ACME_ZONE

/** Acme Corp Zero Trust users and devices. */
export const ACME_FIRST_ACCESS_USER = '0071899c-dafd-4e6b-96fa-514c05f0d07c'; // Olivia.Nguyen@acme.Example (= SUPER_ADMIN_MEMBER)
export const ACME_CONTRACTOR_USER = '85a17692-8825-43d9-887b-5b12ac3923ab'; // not a member
export const ACME_FRONTDESK_USER = '9c072887-fe38-42e1-8579-f17de4503979'; // not a member
export const ACME_REVOKED_DEVICE = '9b430533-8178-4f40-9323-f4e520f87e82'; // every registration revoked
export const ACME_DELETED_DEVICE = '21cdf09a-dc19-4d87-bf5d-124d60841a54'; // deleted_at set
export const ACME_UNOWNED_DEVICE = '2b37c033-f804-4f34-a66d-2ab8c67582b4'; // no last_seen_user

/** Acme Corp Access configuration. */
export const ACME_OKTA_IDP = '26dece52-1c3b-4a3b-9ea9-b9a0e16645d3'; // config.client_id '0oa1acmeoktaclient'
export const ACME_OTP_IDP = 'c0ecc184-af4e-4231-8acf-9ad50829c508';
export const ACME_AZURE_IDP = '27241487-c23a-4ba9-ad32-494b213454cc';
export const ACME_ENGINEERING_GROUP = 'f385e3a4-0e2f-4cdf-8aaa-44bad9a25030';
export const ACME_CONTRACTORS_GROUP = 'bfec1a77-256f-402b-ac15-6e488c82e609';
export const ACME_ALLOW_ENGINEERING_POLICY = '22253651-71be-48d2-9f2a-fbd86e1368db';
export const ACME_DENY_CONTRACTOR_POLICY = 'a342db39-bd3f-4fc7-b0f6-6a82f8332616';
export const ACME_BYPASS_POLICY = 'e040bb8e-918b-4abb-bf03-37d226ece058'; // used by no app
export const ACME_WIKI_APP = '7354f763-2f46-4e39-9176-e9213e2b0e14'; // reusable deny-contractor + allow-engineering
export const ACME_ADMIN_PANEL_APP = '6b8f1ccc-44a9-4354-9cfb-f6cf3e6bbd7b'; // inline policy, allowed_idps okta + otp
export const ACME_ADMIN_PANEL_INLINE_POLICY = '6ed44797-e8d3-42eb-aa73-7250300a4627';
export const ACME_SALESFORCE_APP = '25591046-0cde-4b88-9bd9-39bdc167c4fb'; // saas, allowed_idps [okta]
export const ACME_STATUS_APP = '5f560b6a-6509-46e7-bc4d-f8f03515b9ca'; // no policy
export const LABS_GITHUB_IDP = 'b9b49678-a8fd-4846-9697-189e4a0532c8';
export const LABS_APP = '1e70a6cf-5396-48b2-a349-32c46afd344e';

/** Account-owned API tokens. */
export const ACME_DNS_TOKEN = '9448256344568ea56ea65612cd1ada49'; // DNS Write + Zone Read on ACME_ZONE, ACME_CDN_ZONE; IP conditions
export const ACME_READ_TOKEN = 'd9660ff29b39a753f0f5aa955c85d16a'; // account-wide read
export const ACME_EXPIRED_TOKEN = '26a52fb8645e995901bf399a926e07ae'; // status expired (hidden without include_expired)
export const ACME_DISABLED_TOKEN = '8464dd0772b63f547209198a2e4bf9ed'; // zone key on ACME_SHOP_ZONE
export const ACME_EXPIRING_TOKEN = '80f2cecde16a5c14a552e57b5f6ce602'; // com.cloudflare.api.account.zone.*
export const ACME_UNUSED_TOKEN = '224b83b845ace3fa320fa5671d225353'; // last_used_on null
export const LABS_TOKEN = '442ebdb4362548760323671f24b69c23';

/** /user/tokens: the SIM user token itself, then two more. */
export const SIM_USER_TOKEN = '6f808de173ed2f7c991f94cf348f247e';
export const PERSONAL_USER_TOKEN = '8c65df660e2427974b83928d7995d2ba'; // zone key + com.cloudflare.api.user.<id>
export const DENY_USER_TOKEN = 'b01dd2b8d95b070a74bda036d31288e8'; // allow on Acme Labs, deny DNS Write on ACMELABS_ZONE
