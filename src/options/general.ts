/**
 * The plain settings: highlights on or off, their look, first mention only, the page markers, and
 * how long the pointer rests before a card opens. Each control writes its setting as it changes.
 */
import { HIGHLIGHT_LOOKS, type HighlightMode } from '../core/highlight-css';
import { HOVER_DELAY_RANGE } from '../shared/settings';
import { byId, type Page, type Render } from './page';

export function setUpGeneral(page: Page): Render {
  const { doc, say } = page;
  const enabled = byId<HTMLInputElement>(doc, 'enabled');
  const firstOnly = byId<HTMLInputElement>(doc, 'first-only');
  const markers = byId<HTMLInputElement>(doc, 'page-markers');
  const delay = byId<HTMLInputElement>(doc, 'delay');
  const delayValue = byId<HTMLOutputElement>(doc, 'delay-value');
  const looks = [...doc.querySelectorAll<HTMLInputElement>('input[name="look"]')];

  // Each control's value is read when it changes: a render may set it again before the change is stored.
  enabled.addEventListener('change', () => {
    const on = enabled.checked;
    void page.update({ kind: 'everywhere', enabled: on });
  });
  firstOnly.addEventListener('change', () => {
    const on = firstOnly.checked;
    void page.update({ kind: 'replace', settings: { firstMentionOnly: on } });
  });
  markers.addEventListener('change', () => {
    const on = markers.checked;
    void page.update({ kind: 'replace', settings: { pageMarkers: on } });
  });
  for (const radio of looks) {
    radio.addEventListener('change', () => {
      const look = radio.value as HighlightMode;
      if (radio.checked && HIGHLIGHT_LOOKS.includes(look))
        void page.update({ kind: 'replace', settings: { highlightStyle: look } });
    });
  }

  delay.min = String(HOVER_DELAY_RANGE[0]);
  delay.max = String(HOVER_DELAY_RANGE[1]);
  const showDelay = (ms: number): void => {
    const text = say('options_delay_value', String(ms));
    delayValue.textContent = text;
    delay.setAttribute('aria-valuetext', text);
  };
  // The number follows the slider as it moves; the setting is stored when it is let go (each
  // arrow key press is one change), so dragging does not write dozens of times.
  delay.addEventListener('input', () => showDelay(delay.valueAsNumber));
  delay.addEventListener('change', () => {
    const ms = delay.valueAsNumber;
    void page.update({ kind: 'replace', settings: { hoverDelayMs: ms } });
  });

  return (s) => {
    enabled.checked = s.enabled;
    firstOnly.checked = s.firstMentionOnly;
    markers.checked = s.pageMarkers;
    for (const radio of looks) radio.checked = radio.value === s.highlightStyle;
    delay.value = String(s.hoverDelayMs);
    showDelay(s.hoverDelayMs);
  };
}
