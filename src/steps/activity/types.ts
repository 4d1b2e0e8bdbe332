/**
 * Shapes of the two activity logs. Only the fields we read are typed; any of
 * them may be missing or null.
 */

/** GET /accounts/{id}/audit_logs (v1): one entry. */
export interface CloudflareAuditLogEntry {
  id?: string | null;
  when?: string | null;
  action?: { type?: string | null; result?: boolean | null } | null;
  actor?: { id?: string | null; email?: string | null; type?: string | null } | null;
}

/** GET /accounts/{id}/access/logs/access_requests: one authentication. */
export interface CloudflareAccessRequest {
  user_email?: string | null;
  app_uid?: string | null;
  app_domain?: string | null;
  allowed?: boolean | null;
  action?: string | null;
  ray_id?: string | null;
  created_at?: string | null;
}
