import type { Response } from 'express';

/** A resource's version: its stream revision. */
export type Version = bigint | number;

export interface Paging {
  readonly page: number;
  readonly per_page: number;
  readonly total: number;
}

/** The revision as a JSON number (revisions stay far below 2^53). */
function versionNumber(version: Version): number {
  return typeof version === 'bigint' ? Number(version) : version;
}

/** The ETag of a version: `"7"`. */
export function etagOf(version: Version): string {
  return `"${versionNumber(version)}"`;
}

/** `{"data": …, "version": n}` with `ETag: "n"`. */
export function sendResource(res: Response, data: unknown, version: Version, status = 200): void {
  const v = versionNumber(version);
  res.status(status).set('ETag', etagOf(v)).json({ data, version: v });
}

/** `{"data": […], "paging": {"page", "per_page", "total"}}`. */
export function sendList(res: Response, data: readonly unknown[], paging: Paging): void {
  res.json({ data, paging: { page: paging.page, per_page: paging.per_page, total: paging.total } });
}
