/**
 * The card's wording and placement decisions, without a page: three times kept apart, the page's
 * spelling shown when it differs, typographic quotes and dashes, and which side of its mention a
 * card goes (the side that hides less of the paragraph, where it fits).
 */
import { describe, expect, it } from 'vitest';
import { inTriangle, marginSide, preferredSide } from '../../src/core/card-placement';
import { formatDate, typographic } from '../../src/core/card-text';
import { cardView, sayInEnglish, type CardSource } from '../../src/core/card-view';
import { isWikipediaArticle, sameArticle, webHost } from '../../src/core/links';

const REUTERS = { publisher: 'Reuters', title: 'Ukraine parliament removes Yanukovich', date: '2014-02-22' };
const AP = { publisher: 'AP', title: '[report on the Kyiv city council]', date: '2022-04' };

const kyiv: CardSource = {
  id: 'kyiv',
  type: 'place',
  name: 'Kyiv',
  names: { en: 'Kyiv', de: 'Kiew' },
  what: "Ukraine's capital",
  why: 'The seat of the government the article calls Kiev.',
  summary: "Ukraine's capital, where the new government sat. Its Maidan square was the heart of the protests.",
  inArticle: "Named as 'Kiev': the government there talked to federalists - at last.",
  sources: [REUTERS, AP],
  periods: {
    article: [{ date: '2014-02-22', text: 'Parliament removed President Yanukovych.', sources: [REUTERS] }],
    after: [{ date: '2014-05-25', text: 'Petro Poroshenko was elected president.', sources: [REUTERS, AP] }],
  },
  sinceThen: {
    to: '2025-10',
    items: [
      { date: '2019-06-13', text: 'The US board adopted the spelling Kyiv.', sources: [AP] },
      { date: '2022-04', text: 'Russian forces withdrew from the Kyiv region.', sources: [AP] },
    ],
  },
  related: [{ id: 'ukraine', name: 'Ukraine', label: 'is the capital of' }],
  glosses: [{ text: 'the Ukrainian capital', gloss: "Kyiv, Ukraine's capital" }],
  wikipedia: 'https://en.wikipedia.org/wiki/Kyiv',
  article: {
    date: '2014-05-19',
    title: 'A Sino-Russia strategic embrace likely',
    publisher: 'The Hindu',
    url: 'https://www.thehindu.com/news/a-sinorussia-strategic-embrace-likely/article6026764.ece',
  },
  dataset: { version: '1.2.0', date: '2026-12-07' },
};

describe('the card view', () => {
  const at = (extra: object = {}) => ({ written: null, index: 1, total: 1, ...extra });

  it('opens with a glance: kind, name, what, why, the newest dated item and the story', () => {
    const v = cardView(kyiv, at());
    expect([v.kicker, v.title, v.what, v.why]).toEqual([
      'Place · as of 19 May 2014',
      'Kyiv',
      'Ukraine’s capital',
      'The seat of the government the article calls Kiev.',
    ]);
    expect(v.now).toEqual({ label: 'Now (April 2022):', text: 'Russian forces withdrew from the Kyiv region.' });
    expect(v.then).toBeNull();
    expect(v.story).toEqual({
      text: 'From The Hindu, 19 May 2014 · ‘A Sino-Russia strategic embrace likely’',
      label: 'The story: The Hindu, 19 May 2014 (opens the article)',
      href: 'https://www.thehindu.com/news/a-sinorussia-strategic-embrace-likely/article6026764.ece',
    });
  });

  it('keeps the days after, since then and the key dates apart in the panel, each with its sources', () => {
    const v = cardView(kyiv, at());
    expect(v.sections.map((s) => [s.period, s.heading])).toEqual([
      ['after', 'In the days after the article'],
      ['since', 'Since then, to October 2025'],
      ['article', 'Key dates to 19 May 2014'],
    ]);
    expect(v.sections[1]!.facts).toEqual([
      { date: '13 June 2019', text: 'The US board adopted the spelling Kyiv.', sources: 'AP, April 2022' },
      { date: 'April 2022', text: 'Russian forces withdrew from the Kyiv region.', sources: 'AP, April 2022' },
    ]);
    expect(v.sections[0]!.facts[0]!.sources).toBe('Reuters, 22 February 2014; AP, April 2022');
    expect(v.report.sources).toBe('Sources: Reuters, 22 February 2014; AP, April 2022');
  });

  it('speaks from the page’s own date when the page is dated after the story', () => {
    const v = cardView(kyiv, at({ pageDate: '2019-11-20' }));
    expect(v.then).toEqual({
      label: 'By this page’s date (20 November 2019):',
      text: 'The US board adopted the spelling Kyiv.',
    });
    expect(v.now?.label).toBe('Now (April 2022):');
    expect(v.sections.map((s) => [s.period, s.heading, s.facts.length])).toEqual([
      ['after', 'In the days after the article', 1],
      ['page', 'By this page’s date (20 November 2019):', 1],
      ['since', 'Since then', 1],
      ['article', 'Key dates to 19 May 2014', 1],
    ]);
    // A page of the story's own day, or undated, or one that knows no later date: as today.
    for (const pageDate of ['2014-05-19', null, undefined]) {
      expect(cardView(kyiv, at({ pageDate })).then, String(pageDate)).toBeNull();
    }
    // Dated after everything the card knows: the newest item is where things stood, and there is no "now" after it.
    const late = cardView(kyiv, at({ pageDate: '2026-01-05' }));
    expect(late.then?.text).toContain('Russian forces withdrew');
    expect(late.now).toBeNull();
  });

  it('gives another story pack’s part a section of its own, led by that story’s line', () => {
    const CBS = { publisher: 'CBS News', title: '[report on the Volker testimony]', date: '2019-11-19' };
    const first = {
      story: kyiv.article,
      what: kyiv.what,
      why: kyiv.why,
      summary: kyiv.summary,
      inArticle: kyiv.inArticle,
      sources: kyiv.sources,
      periods: kyiv.periods,
    };
    const second = {
      story: { date: '2019-11-19', title: 'Volker testifies', publisher: 'CBS News', url: 'https://www.cbsnews.com/x' },
      what: 'Ukraine',
      why: 'The country whose military aid was held.',
      summary: 'Ukraine.',
      inArticle: '',
      sources: [CBS],
      periods: { article: [], after: [] },
      sinceThen: { to: '2025-10', items: [{ date: '2019-12-18', text: 'The House impeached Trump.', sources: [CBS] }] },
    };
    const v = cardView({ ...kyiv, stories: [first, second] }, at());
    const story = v.sections.filter((s) => s.period === 'story');
    expect(story.map((s) => s.heading)).toEqual(['Also in CBS News, 19 November 2019 · ‘Volker testifies’']);
    expect(story[0]!.facts.map((f) => [f.date, f.text])).toEqual([
      ['19 November 2019', 'The country whose military aid was held.'],
      ['18 December 2019', 'The House impeached Trump.'],
    ]);
    expect(story[0]!.facts.every((f) => f.sources.includes('CBS News'))).toBe(true);
    // One story: no such section.
    expect(cardView({ ...kyiv, stories: [first] }, at()).sections.some((s) => s.period === 'story')).toBe(false);
  });

  it('names the report, except on the article’s own page', () => {
    expect(cardView(kyiv, at({ pageUrl: 'https://www.cbsnews.com/news/impeachment/' })).report.label).toBe(
      'In The Hindu’s report',
    );
    expect(
      cardView(
        kyiv,
        at({ pageUrl: 'http://thehindu.com/news/a-sinorussia-strategic-embrace-likely/article6026764.ece/?x=1#top' }),
      ).report.label,
    ).toBe('In this article');
    expect(sameArticle('https://a.example/x/', 'https://www.a.example/x')).toBe(true);
    expect(sameArticle('https://a.example/x', 'https://a.example/y')).toBe(false);
    expect(sameArticle('javascript:1', 'javascript:1')).toBe(false);
  });

  it('says what ties it to each related entity', () => {
    const v = cardView(kyiv, at());
    expect(v.related).toEqual([{ id: 'ukraine', name: 'Ukraine', label: 'is the capital of' }]);
  });

  it('gives the bridge line of the phrase the page names it by, instead of “written here as”', () => {
    const v = cardView(kyiv, at({ written: 'The Ukrainian capital' }));
    expect(v.bridge).toBe('‘The Ukrainian capital’ here: Kyiv, Ukraine’s capital');
    expect(v.writtenAs).toBeNull();
    expect(cardView(kyiv, at({ written: 'Kiev' })).bridge).toBeNull();
  });

  it('says every heading through its translation, and names and dates in the card’s language', () => {
    const keys = { say: (key: string) => `[${key}]`, locale: 'de' };
    const v = cardView(kyiv, { written: 'Kiev', index: 2, total: 3 }, keys);
    expect(v.sections.map((s) => s.heading)).toEqual(['[card_days_after]', '[card_since_to]', '[card_key_dates]']);
    expect([v.kicker, v.writtenAs, v.position, v.title]).toEqual([
      '[card_kicker]',
      '[card_written_as]',
      '[card_mention_of]',
      'Kiew',
    ]);
    const withNames = { ...kyiv, related: [{ ...kyiv.related[0]!, names: { en: 'Ukraine', de: 'Ukraine (de)' } }] };
    expect(cardView(withNames, at(), keys).related[0]!.name).toBe('Ukraine (de)');
    expect(cardView(withNames, at()).related[0]!.name).toBe('Ukraine');
    const de = cardView(kyiv, at({ pageDate: '2019-11-20' }), { say: sayInEnglish, locale: 'de' });
    expect(de.kicker).toBe('Place · as of 19. Mai 2014');
    expect(de.then?.label).toBe('By this page’s date (20. November 2019):');
    expect(de.footer).toBe('Facts to Okt. 2025 · checked Dez. 2026');
  });

  it('says in the footer how current its facts are, the dataset’s version only on hover', () => {
    const v = cardView(kyiv, at());
    expect(v.footer).toBe('Facts to Oct 2025 · checked Dec 2026');
    expect(v.footerTitle).toBe('Dataset 1.2.0, checked 7 December 2026');
  });

  it('shows how the page writes the name only when it says something the name does not', () => {
    expect(cardView(kyiv, { written: 'Kiev', index: 1, total: 1 }).writtenAs).toBe('Written here as “Kiev”');
    expect(cardView(kyiv, { written: 'KYIV', index: 1, total: 1 }).writtenAs).toBeNull();
    const putin = { ...kyiv, name: 'Vladimir Putin', names: { en: 'Vladimir Putin' } };
    expect(cardView(putin, { written: 'Putin', index: 1, total: 1 }).writtenAs).toBeNull();
    expect(cardView(putin, { written: 'President Vladimir Putin', index: 1, total: 1 }).writtenAs).toBeNull();
    expect(cardView(putin, { written: 'Путина', index: 1, total: 1 }).writtenAs).toBe('Written here as “Путина”');
  });

  it('says where the mention stands among the entity’s mentions on the page', () => {
    expect(cardView(kyiv, { written: null, index: 2, total: 7 }).position).toBe('Mention 2 of 7 on this page');
    expect(cardView(kyiv, { written: null, index: 1, total: 1 }).canStep).toBe(false);
    expect(cardView(kyiv, { written: null, index: 0, total: 0 }).position).toBe('Not highlighted on this page');
  });

  it('leaves out the times it has nothing for', () => {
    const bare = { ...kyiv, periods: { article: [], after: [] } };
    delete (bare as Partial<CardSource>).sinceThen;
    const v = cardView(bare, at({ pageDate: '2019-11-20' }));
    expect(v.sections).toEqual([]);
    expect([v.now, v.then]).toEqual([null, null]);
  });

  it('typesets quotes and dashes', () => {
    expect(cardView(kyiv, at()).report.text).toBe(
      'Named as ‘Kiev’: the government there talked to federalists – at last.',
    );
    expect(typographic('He said "yes" and Russia\'s role grew in 2000-2008.')).toBe(
      'He said “yes” and Russia’s role grew in 2000–2008.',
    );
    expect(typographic("('quoted')")).toBe('(‘quoted’)');
  });

  it('writes dates as a reader would', () => {
    expect(formatDate('2014-05-19')).toBe('19 May 2014');
    expect(formatDate('2014-05')).toBe('May 2014');
    expect(formatDate('2014')).toBe('2014');
  });
});

describe('card placement', () => {
  const base = { viewportHeight: 900, cardHeight: 300, gap: 8 };

  it('goes below a mention near the end of its paragraph, and above one near its start', () => {
    const paragraph = { top: 400, bottom: 520 };
    expect(preferredSide({ ...base, paragraph, mention: { top: 496, bottom: 520 } })).toBe('bottom');
    expect(preferredSide({ ...base, paragraph, mention: { top: 400, bottom: 424 } })).toBe('top');
  });

  it('goes where it fits when only one side has room', () => {
    const paragraph = { top: 50, bottom: 200 };
    expect(preferredSide({ ...base, paragraph, mention: { top: 176, bottom: 200 } })).toBe('bottom');
    expect(preferredSide({ ...base, paragraph: { top: 800, bottom: 890 }, mention: { top: 800, bottom: 824 } })).toBe(
      'top',
    );
  });

  it('takes the roomier side when neither fits', () => {
    const tall = { ...base, cardHeight: 800 };
    expect(preferredSide({ ...tall, paragraph: { top: 0, bottom: 900 }, mention: { top: 300, bottom: 324 } })).toBe(
      'bottom',
    );
    expect(preferredSide({ ...tall, paragraph: { top: 0, bottom: 900 }, mention: { top: 600, bottom: 624 } })).toBe(
      'top',
    );
  });

  it('knows when the pointer is on its way into the card (the safe triangle)', () => {
    const apex = { x: 100, y: 100 };
    const left = { x: 50, y: 130 };
    const right = { x: 400, y: 130 };
    expect(inTriangle({ x: 120, y: 115 }, apex, left, right)).toBe(true);
    expect(inTriangle({ x: 100, y: 100 }, apex, left, right)).toBe(true);
    expect(inTriangle({ x: 300, y: 105 }, apex, left, right)).toBe(false);
    expect(inTriangle({ x: 100, y: 140 }, apex, left, right)).toBe(false);
  });
});

describe('the page’s own link', () => {
  const card = (href: string) => cardView(kyiv, { written: null, index: 1, total: 1, link: { href } }).pageLink;

  it('is offered on the card when it is a web address, and never otherwise', () => {
    expect(card('https://news.example/live')).toEqual({
      href: 'https://news.example/live',
      label: 'Open the page’s link (news.example)',
    });
    expect(card('javascript:alert(1)')).toBeNull();
    expect(card('data:text/html,hi')).toBeNull();
    expect(cardView(kyiv, { written: null, index: 1, total: 1, link: null }).pageLink).toBeNull();
  });

  it('is named by its host alone, whatever the link’s text says (security review F11)', () => {
    // The link's own text ("Read more on Wikipedia", reversed with bidi controls) is not the card's to show.
    expect(card('https://evil.example/wiki/Angela_Merkel')?.label).toBe('Open the page’s link (evil.example)');
    // A name in another script is shown in its ASCII form, so that it cannot pass for another.
    expect(card('https://www.wíkipedia.org/wiki/Putin')?.label).toBe('Open the page’s link (www.xn--wkipedia-c2a.org)');
    expect(webHost('https://evil.example:8443/x')).toBe('evil.example');
    expect(webHost('https://\u202eelpmaxe.live/x')).toBeNull();
    expect(webHost('ftp://files.example/')).toBeNull();
  });
});

describe('the Wikipedia link', () => {
  it('is an https article of a Wikipedia language edition and nothing else', () => {
    expect(isWikipediaArticle(kyiv.wikipedia)).toBe(true);
    expect(isWikipediaArticle('https://de.wikipedia.org/wiki/Kiew')).toBe(true);
    for (const bad of [
      'http://en.wikipedia.org/wiki/Kyiv',
      'https://en.wikipedia.org.evil.example/wiki/Kyiv',
      'https://evil.example/en.wikipedia.org/wiki/Kyiv',
      'https://en.wikipedia.org/w/index.php?title=Kyiv',
      'https://en.wikipedia.org/wiki/',
      'https://en.wikipedia.org/wiki/Ky iv',
      'javascript:alert(1)//en.wikipedia.org/wiki/x',
      'not a url',
    ]) {
      expect(isWikipediaArticle(bad), bad).toBe(false);
    }
  });
});

describe('the margin beside the text column', () => {
  const base = { viewportWidth: 1280, cardWidth: 360, gap: 16 };

  it('is taken when it has room, after the column in reading order first', () => {
    expect(marginSide({ ...base, column: { left: 124, right: 804 }, dir: 'ltr' })).toBe('right');
    expect(marginSide({ ...base, column: { left: 450, right: 1000 }, dir: 'ltr' })).toBe('left');
    expect(marginSide({ ...base, column: { left: 400, right: 880 }, dir: 'rtl' })).toBe('left');
    expect(marginSide({ ...base, column: { left: 100, right: 1180 }, dir: 'ltr' })).toBeNull();
  });
});
