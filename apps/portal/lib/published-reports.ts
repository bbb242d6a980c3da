import 'server-only';
import { GetReport, ListReports, type ReportVersion } from '@writ/contracts';
import { getJson } from './api';

/**
 * The latest version of every published period, oldest period first (a correction replaces the figures it
 * corrects). `limit` keeps the newest periods only.
 */
export async function latestVersions(limit = 12): Promise<{ ok: boolean; versions: ReportVersion[] }> {
  const list = await getJson(ListReports, {});
  if (!list.ok) return { ok: false, versions: [] };
  const periods = [...new Set(list.data.items.map((item) => item.period))].sort().slice(-limit);
  const versions = await Promise.all(periods.map((period) => getJson(GetReport, { params: { period } })));
  return { ok: versions.every((v) => v.ok), versions: versions.flatMap((v) => (v.ok ? [v.data] : [])) };
}
