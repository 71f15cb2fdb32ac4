/**
 * The kinds of names (entity types): each one on or off, and its colour — automatic (the adaptive
 * colours of the stylesheet) or the reader's own — with a preview of a name from the story on a
 * light and a dark page in the current look, and a warning when a colour of one's own is hard to
 * see there.
 */
import { contrastRatio, cssRgb, type Rgb } from '../core/colors';
import { ENTITY_TYPES, type EntityType } from '../core/dataset-types';
import { typeColors, type TypeColors } from '../core/highlight-css';
import { isColour, readerColourLook, type Settings } from '../shared/settings';
import { byId, make, type Page, type Render } from './page';

/** The pages the preview shows (the backgrounds the stylesheet's light and dark looks are made for). */
const LIGHT_PAGE: Rgb = [255, 255, 255];
const DARK_PAGE: Rgb = [18, 18, 18];

/** Below these, text (WCAG AA) or an underline (non-text contrast) is hard to make out. */
const TEXT_CONTRAST = 4.5;
const LINE_CONTRAST = 3;

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** How a type's highlights look on a page, with the reader's colour if there is one. */
function lookOn(type: EntityType, own: string | undefined, page: Rgb): TypeColors {
  return own ? readerColourLook(own) : typeColors(type, page);
}

/** Why a reader's colour is hard to see in the current look (nothing for automatic colours). */
function warnings(page: Page, own: string | undefined, mode: Settings['highlightStyle']): string[] {
  if (!own) return [];
  const look = readerColourLook(own);
  if (mode === 'background') {
    const ratio = contrastRatio(look.background, look.text);
    return ratio < TEXT_CONTRAST ? [page.say('options_contrast_text', ratio.toFixed(1))] : [];
  }
  const out: string[] = [];
  if (contrastRatio(look.underline, LIGHT_PAGE) < LINE_CONTRAST) out.push(page.say('options_contrast_light'));
  if (contrastRatio(look.underline, DARK_PAGE) < LINE_CONTRAST) out.push(page.say('options_contrast_dark'));
  return out;
}

interface Row {
  toggle: HTMLInputElement;
  colour: HTMLInputElement;
  state: HTMLElement;
  auto: HTMLButtonElement;
  samples: { el: HTMLElement; page: Rgb }[];
  warning: HTMLElement;
}

export function setUpKinds(page: Page): Render {
  const { doc, say } = page;
  const list = byId<HTMLUListElement>(doc, 'types');
  const rows = new Map<EntityType, Row>();

  for (const type of ENTITY_TYPES) {
    const kind = say(`options_type_${type}`);
    const li = make(doc, 'li', 'kind-row');
    li.dataset.type = type;

    const label = make(doc, 'label', 'check');
    const toggle = make(doc, 'input');
    toggle.type = 'checkbox';
    toggle.addEventListener('change', () => {
      const on = toggle.checked;
      void page.update({ kind: 'type', type, enabled: on });
    });
    label.append(toggle, make(doc, 'span', 'kind', kind));

    const preview = make(doc, 'div', 'preview');
    preview.setAttribute('role', 'group');
    preview.setAttribute('aria-label', say('options_preview_label', kind));
    const samples: Row['samples'] = [];
    for (const [where, bg] of [
      ['light', LIGHT_PAGE],
      ['dark', DARK_PAGE],
    ] as const) {
      const box = make(doc, 'span', `page ${where}`);
      const sample = make(doc, 'span', 'sample', say(`options_sample_${type}`));
      box.append(make(doc, 'span', 'where', say(where === 'light' ? 'options_preview_light' : 'options_preview_dark')));
      box.append(sample);
      samples.push({ el: sample, page: bg });
      preview.append(box);
    }

    const controls = make(doc, 'div', 'colour');
    const colour = make(doc, 'input');
    colour.type = 'color';
    colour.setAttribute('aria-label', say('options_colour_label', kind));
    // Stored once chosen (the picker sends `input` while it is open, `change` when it closes).
    colour.addEventListener('change', () => {
      const value = colour.value.toLowerCase();
      if (isColour(value)) void page.update({ kind: 'colour', type, colour: value });
    });
    const state = make(doc, 'span', 'state');
    const auto = make(doc, 'button', '', say('options_colour_auto'));
    auto.type = 'button';
    auto.setAttribute('aria-label', say('options_colour_auto_label', kind));
    auto.addEventListener('click', () => {
      // The button goes away once the colour is automatic: keep the keyboard on the row.
      colour.focus();
      void page.update({ kind: 'colour', type, colour: null });
    });
    controls.append(colour, state, auto);

    const warning = make(doc, 'p', 'warning');
    li.append(label, preview, controls, warning);
    list.append(li);
    rows.set(type, { toggle, colour, state, auto, samples, warning });
  }

  return (s) => {
    for (const [type, row] of rows) {
      const own = s.typeColors[type];
      const on = s.enabledTypes.includes(type);
      row.toggle.checked = on;
      row.colour.value = own ?? hex(typeColors(type, LIGHT_PAGE).underline);
      row.state.textContent = say(own ? 'options_colour_is_mine' : 'options_colour_is_auto');
      row.auto.hidden = !own;
      for (const { el, page: bg } of row.samples) paintSample(el, on ? lookOn(type, own, bg) : null, s.highlightStyle);
      const problems = on ? warnings(page, own, s.highlightStyle) : [];
      row.warning.textContent = problems.join(' ');
      row.warning.hidden = problems.length === 0;
    }
  };
}

/** Styles a sample name as the page would paint it (styles set through the CSSOM, which the CSP allows). */
function paintSample(el: HTMLElement, look: TypeColors | null, mode: Settings['highlightStyle']): void {
  el.style.backgroundColor = look && mode === 'background' ? cssRgb(look.background) : '';
  el.style.color = look && mode === 'background' ? cssRgb(look.text) : '';
  el.style.textDecoration = look && mode === 'underline' ? `underline 2px ${cssRgb(look.underline)}` : '';
  el.style.textUnderlineOffset = look && mode === 'underline' ? '0.18em' : '';
  el.classList.toggle('off', !look);
}
