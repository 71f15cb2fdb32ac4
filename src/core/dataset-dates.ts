/**
 * The dataset's dates: YYYY, YYYY-MM or YYYY-MM-DD, each meaning a span of days. The validator
 * checks periods and cut-offs against a date's first and last possible day; the fact listing
 * compares a source with the fact it supports at the precision both have.
 */

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether `s` is a real date as YYYY, YYYY-MM or YYYY-MM-DD. */
export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

/** The first day a date can mean ("2014-05" -> "2014-05-01"). Assumes isValidDate. */
export function earliestDay(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** The last day a date can mean ("2014-05" -> "2014-05-31", "2014" -> "2014-12-31"). Assumes isValidDate. */
export function latestDay(date: string): string {
  const [y, m, d] = date.split('-');
  if (d !== undefined) return date;
  const month = m ?? '12';
  const last = new Date(Date.UTC(Number(y), Number(month), 0)).getUTCDate();
  return `${y}-${month}-${String(last).padStart(2, '0')}`;
}

/**
 * Whether `a` is certainly before `b`, compared at the precision both have: "2013" is before
 * "2014-05-21", "2014-05" is not (it may be the same day), nor is "2014" before "2014-05-21".
 */
export function isBefore(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) < b.slice(0, length);
}
