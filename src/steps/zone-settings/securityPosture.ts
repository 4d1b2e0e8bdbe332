import { IntegrationProviderAPIError } from '@jupiterone/integration-sdk-core';
import { CloudflareDnssec, CloudflareZoneSetting } from '../../client';
import { firstGoesAlone } from '../../util/firstGoesAlone';
import { oneLine } from '../../util/oneLine';
import { StepRun } from '../common/StepRun';
import { ZoneRef, ZoneRefusals } from '../common/ZoneRefusals';

/** A zone's security properties, as they go on its settings entity (cloudflare_zone_settings). */
export interface ZonePosture {
  sslMode?: string;
  minTlsVersion?: string;
  alwaysUseHttps?: boolean;
  tls13?: string;
  hstsEnabled?: boolean;
  hstsMaxAge?: number;
  hstsIncludeSubdomains?: boolean;
  hstsPreload?: boolean;
  hstsNosniff?: boolean;
  dnssecStatus?: string;
  dnssecEnabled?: boolean;
}

/** The settings we read, by Cloudflare id (docs/cloudflare-facts.md#zone-settings). */
export const POSTURE_SETTINGS = ['ssl', 'min_tls_version', 'always_use_https', 'tls_1_3', 'security_header'] as const;

type SettingId = (typeof POSTURE_SETTINGS)[number];

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Setting objects (from the list or one by one) → entity properties. Unknown shapes are left out, not guessed. */
export function postureFromSettings(settings: readonly CloudflareZoneSetting[]): ZonePosture {
  const byId = new Map<string, unknown>(
    settings.filter((s) => s && typeof s.id === 'string').map((s) => [s.id, s.value]),
  );
  const onOff = (value: unknown) => (value === 'on' ? true : value === 'off' ? false : undefined);
  const hsts = (byId.get('security_header') as { strict_transport_security?: Record<string, unknown> } | undefined)
    ?.strict_transport_security;
  return {
    sslMode: asString(byId.get('ssl')),
    minTlsVersion: asString(byId.get('min_tls_version')),
    alwaysUseHttps: onOff(byId.get('always_use_https')),
    tls13: asString(byId.get('tls_1_3')),
    hstsEnabled: asBoolean(hsts?.enabled),
    hstsMaxAge: typeof hsts?.max_age === 'number' ? hsts.max_age : undefined,
    hstsIncludeSubdomains: asBoolean(hsts?.include_subdomains),
    hstsPreload: asBoolean(hsts?.preload),
    // X-Content-Type-Options: nosniff, sent with the HSTS header.
    hstsNosniff: asBoolean(hsts?.nosniff),
  };
}

export function postureFromDnssec(dnssec: CloudflareDnssec | null | undefined): ZonePosture {
  const status = asString(dnssec?.status);
  return { dnssecStatus: status, dnssecEnabled: status === undefined ? undefined : status === 'active' };
}

/** True for "this path does not exist": the deprecated all-settings list was retired. */
function isMissingRoute(err: unknown): boolean {
  const status = (err as { status?: unknown }).status;
  return err instanceof IntegrationProviderAPIError && (status === 404 || status === 400);
}

/**
 * Reads each zone's security posture in the fewest requests that give exact
 * values: GET /settings (every setting, one request) and GET /dnssec. The
 * list is deprecated (docs/cloudflare-facts.md#zone-settings); once it answers 404/400 the run switches
 * to one request per setting (5) for the remaining zones.
 *
 * A 403 costs its zone alone (ZoneRefusals): that zone's settings entity
 * lacks those properties. When an account's first zones are all refused, that kind
 * of request stops for the account (said once, with the permission to grant).
 */
export class ZonePostureReader {
  private settingsListGone = false;
  /** Each account's first zone is read alone, so a retired list is learnt before the rest go out. */
  private readonly firstReads = new Map<string, Promise<unknown>>();
  private readonly settingsRefusals: ZoneRefusals;
  private readonly dnssecRefusals: ZoneRefusals;

  constructor(private readonly run: StepRun) {
    const consequence = "Every zone is still collected; the refused zones' settings lack these properties.";
    this.settingsRefusals = new ZoneRefusals(run, {
      endpoint: 'zoneSettings',
      what: 'Zone security settings',
      consequence,
      partial: false,
    });
    this.dnssecRefusals = new ZoneRefusals(run, {
      endpoint: 'dnssec',
      what: 'DNSSEC settings',
      consequence,
      partial: false,
    });
  }

  read(accountId: string, zoneId: string, zoneName: string): Promise<ZonePosture> {
    return firstGoesAlone(this.firstReads, accountId, () => this.readZone({ accountId, id: zoneId, name: zoneName }));
  }

  /** One warning per kind of request and account that had refusals. */
  report(): void {
    this.settingsRefusals.report();
    this.dnssecRefusals.report();
  }

  private async readZone(zone: ZoneRef): Promise<ZonePosture> {
    const [settings, dnssec] = await Promise.all([
      this.guard(zone, this.settingsRefusals, () => this.readSettings(zone.id)),
      this.guard(zone, this.dnssecRefusals, () => this.run.client.get<CloudflareDnssec>('dnssec', { zoneId: zone.id })),
    ]);
    return { ...(settings ? postureFromSettings(settings) : {}), ...(dnssec ? postureFromDnssec(dnssec) : {}) };
  }

  private async readSettings(zoneId: string): Promise<CloudflareZoneSetting[]> {
    if (!this.settingsListGone) {
      try {
        const all = await this.run.client.get<CloudflareZoneSetting[]>('zoneSettings', { zoneId });
        if (Array.isArray(all)) return all.filter((s) => (POSTURE_SETTINGS as readonly string[]).includes(s?.id));
        throw new Error('GET /zones/{id}/settings did not answer a list');
      } catch (err) {
        if (!isMissingRoute(err)) throw err;
        if (!this.settingsListGone) {
          this.settingsListGone = true;
          this.run.logger.info(
            oneLine(
              `GET /zones/{id}/settings is gone (${(err as Error).message}); reading the ${POSTURE_SETTINGS.length} zone settings one request each from now on.`,
            ),
          );
        }
      }
    }
    return Promise.all(
      POSTURE_SETTINGS.map((settingId: SettingId) =>
        this.run.client.get<CloudflareZoneSetting>('zoneSetting', { zoneId, settingId }),
      ),
    );
  }

  /** Runs one kind of request for a zone; a 403 (see ZoneRefusals) or another failure leaves its properties out. */
  private async guard<T>(zone: ZoneRef, refusals: ZoneRefusals, request: () => Promise<T>): Promise<T | undefined> {
    try {
      return await refusals.read(zone, request);
    } catch (err) {
      this.run.logger.warn(
        { accountId: zone.accountId, zoneId: zone.id },
        oneLine(`Could not read the security settings of zone ${zone.id} (${zone.name}): ${(err as Error).message}`),
      );
      this.run.markIncomplete(`security settings of zone ${zone.id} (${zone.name}) could not be read`);
      return undefined;
    }
  }
}
