/**
 * The reading page's own date: when the article the reader is on was published, chosen from what
 * the page says of itself. Pure: the candidates are gathered from the page by
 * content/read/page-date.ts. A card then speaks from that date ("By this page's date …").
 *
 * The sources, most trusted first: the Open Graph `article:published_time`, a JSON-LD article's
 * `datePublished`, microdata `itemprop="datePublished"`, a `<time>` marked as the publication (a
 * `pubdate` attribute, or a class or itemprop saying "publish") inside the article or its header,
 * then the generic meta names publishers use (`date`, `pubdate`, `publish-date`, `DC.date.issued`
 * …). Modified dates are never candidates; a date after today is ignored (a wrong clock, a
 * scheduled page); a source that gives only a month loses to one that gives the day.
 */

export type PageDateSource = 'og' | 'json-ld' | 'microdata' | 'time' | 'meta';

export interface PageDateCandidate {
  source: PageDateSource;
  /** As the page writes it: ISO 8601 (`2019-11-20T01:07:00-0500`) or a date string Date.parse reads. */
  value: string;
}

const RANK: Record<PageDateSource, number> = { og: 0, 'json-ld': 1, microdata: 2, time: 3, meta: 4 };

/**
 * A date as the page means it: the calendar day the publisher wrote (`2019-11-20T01:07-05:00` is
 * 20 November, whatever the reader's zone), `YYYY-MM-DD`, or `YYYY-MM` when only the month is
 * given; null if it is not a date.
 */
export function calendarDate(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?=$|[T\s])/.exec(text);
  if (iso) {
    const [, y, m, d] = iso;
    if (Number(m) < 1 || Number(m) > 12) return null;
    if (d === undefined) return `${y}-${m}`;
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return day.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
  }
  // Other forms ("Tue, 19 Nov 2019 22:05:00 GMT", "November 19, 2019"): the day as written.
  const named = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})|([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(
    text,
  );
  if (!named) return null;
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  const [day, mon, year] = named[1] ? [named[1], named[2]!, named[3]!] : [named[5]!, named[4]!, named[6]!];
  const month = months.indexOf(mon.toLowerCase()) + 1;
  if (month === 0) return null;
  const d = Number(day);
  const check = new Date(Date.UTC(Number(year), month - 1, d));
  if (check.getUTCDate() !== d) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The page's date from its candidates: the most trusted source that gives a day (else the most
 * trusted that gives a month), among dates not after `today` (YYYY-MM-DD); null when the page
 * says nothing usable.
 */
export function choosePageDate(candidates: readonly PageDateCandidate[], today: string): string | null {
  let best: { date: string; rank: number; day: boolean } | null = null;
  for (const c of candidates) {
    const date = calendarDate(c.value);
    if (!date || date > today) continue;
    const day = date.length === 10;
    const rank = RANK[c.source];
    if (!best || (day && !best.day) || (day === best.day && rank < best.rank)) best = { date, rank, day };
  }
  return best?.date ?? null;
}
