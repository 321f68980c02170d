import { localDayStart, MISSED_ANY, type RegisterFilter, type RegisterSort } from '../../../shared/register/register';

/**
 * The register's filter and sort orders as SQL over `asystent.record_facts`
 * (alias `f`), with their values as parameters — never spliced into the
 * text. The same meaning as `rowFilter` and `rowComparator` in
 * shared/register/register.ts: days in this computer's time zone, ties in
 * time order, newest first, then by id.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The calls a reader's facts of this version hold: rows the register shows (a line unreadable, or of another clerk, is not one). */
export function callsOf(params: Params, version: string): string {
  return `f.reader = current_user AND f.version = ${params.add(version)} AND f.type = 'call' AND f.started_at IS NOT NULL`;
}

export function filterSql(filter: RegisterFilter, params: Params): string {
  const parts: string[] = [];
  // As milliseconds: a day past the year 9999 has no ISO form PostgreSQL reads, but is still a bound.
  if (filter.from) parts.push(`f.started_at >= to_timestamp(${params.add(localDayStart(filter.from))}::float8 / 1000)`);
  if (filter.to) parts.push(`f.started_at < to_timestamp(${params.add(localDayStart(filter.to, 1))}::float8 / 1000)`);
  if (filter.clerkIds.length > 0) parts.push(`f.clerk_id::text = ANY(${params.add(filter.clerkIds)}::text[])`);
  if (filter.direction) parts.push(`f.direction = ${params.add(filter.direction)}`);
  if (filter.outcomes.length > 0) parts.push(`f.outcome = ANY(${params.add(filter.outcomes)}::text[])`);
  if (filter.routedUnitIds.length > 0) parts.push(`f.routed_unit_id = ANY(${params.add(filter.routedUnitIds)}::text[])`);
  if (filter.missed === MISSED_ANY) parts.push(`strpos(f.states, 'x') > 0`);
  else if (filter.missed) parts.push(`substr(f.states, array_position(f.item_ids, ${params.add(filter.missed)}::text), 1) = 'x'`);
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}


/** The sorted value, as rowComparator compares it: names by Polish rules (where the server has them), a call without a score below any score. */
export function sortExpression(key: RegisterSort['key'], collation: string | null): string {
  const collate = collation ? ` COLLATE "${collation}"` : '';
  switch (key) {
    case 'startedAt':
      return 'f.started_at';
    case 'durationSec':
      return 'f.duration_sec';
    case 'clerkName':
      return `f.clerk_name${collate}`;
    case 'outcome':
      return `f.outcome${collate}`;
    case 'score':
      return 'COALESCE(f.score, -1)';
  }
}

export function orderSql(sort: RegisterSort, collation: string | null): string {
  return `${sortExpression(sort.key, collation)} ${sort.descending ? 'DESC' : 'ASC'}, f.started_at DESC, f.record_id ASC`;
}

/** The last row of a page, as the sort sees it: where the next page starts (keyset paging). */
export interface PageEnd {
  value: unknown;
  startedAt: string;
  id: string;
}

/** Rows after `end` in this order: `(value, started_at, id)` compared each in its own direction. */
export function afterSql(sort: RegisterSort, collation: string | null, end: PageEnd, params: Params): string {
  const value = sortExpression(sort.key, collation);
  const v = params.add(end.value);
  const s = params.add(end.startedAt);
  const i = params.add(end.id);
  const beyond = sort.descending ? '<' : '>';
  const typed = sort.key === 'startedAt' ? `${v}::timestamptz` : sort.key === 'durationSec' ? `${v}::integer` : sort.key === 'score' ? `${v}::double precision` : `${v}::text${collation ? ` COLLATE "${collation}"` : ''}`;
  return `(${value} ${beyond} ${typed} OR (${value} = ${typed} AND (f.started_at < ${s}::timestamptz OR (f.started_at = ${s}::timestamptz AND f.record_id > ${i}::uuid))))`;
}
