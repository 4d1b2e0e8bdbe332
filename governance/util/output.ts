import fs from 'fs';
import path from 'path';

/**
 * Writes `text` to `file` all at once: into a temporary file in the same
 * folder, then renamed over the target, so a reader (or a crash) never sees
 * half a report. The temporary file is removed if anything fails.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** ISO 8601 to the second, UTC (`2024-05-01T09:30:00Z`); '' for a missing time. */
export function isoSeconds(epochMs: number | undefined | null): string {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) return '';
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The calendar day, UTC (`2024-05-01`); '' for a missing time. */
export function isoDay(epochMs: number | undefined | null): string {
  return isoSeconds(epochMs).slice(0, 10);
}
