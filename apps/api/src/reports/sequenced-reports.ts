import type { ReportVersion } from '@writ/contracts';

const KEPT = 32;

/**
 * Published report versions that the log has sequenced, kept parsed in memory. Such a version can no longer change
 * (a trigger refuses it, and its log index is final), and GET /reports/{period} is public: re-reading and re-parsing
 * a document of ~100 KB for each reader let anyone keep the API busy at about a hundred requests a second. Which
 * version is the latest is still asked of the database each time, so a correction shows at once.
 */
export class SequencedReports {
  private readonly versions = new Map<string, ReportVersion>();

  get(period: string, version: number): ReportVersion | undefined {
    return this.versions.get(`${period}/${version}`);
  }

  keep(report: ReportVersion): void {
    if (report.logIndex === null) return;
    this.versions.set(`${report.period}/${report.version}`, report);
    if (this.versions.size > KEPT) this.versions.delete(this.versions.keys().next().value as string);
  }
}
