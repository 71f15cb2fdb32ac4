/**
 * The card's stylesheet, adopted into its closed shadow root (a constructed sheet, so a page's
 * Content-Security-Policy for styles does not apply). Inherited page styles stop at the host
 * (`all: initial`, host.ts); everything here is set explicitly.
 */
export const CARD_CSS = `
.card {
  --bg: #ffffff; --fg: #16181d; --muted: #535a67; --line: #d9dee6; --soft: #f3f5f8;
  --accent: #1d4f91; --accent-fg: #ffffff; --focus: #1d4f91;
  position: fixed; top: 0; left: 0; box-sizing: border-box;
  width: min(380px, calc(100vw - 16px)); max-height: 440px; overflow-y: auto; overscroll-behavior: contain;
  padding: 14px 16px 12px; border-radius: 12px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); box-shadow: 0 10px 30px rgb(15 20 30 / 0.22), 0 2px 6px rgb(15 20 30 / 0.12);
  font: 400 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0;
  white-space: normal; overflow-wrap: break-word; hyphens: manual;
  pointer-events: auto; cursor: auto; user-select: text; color-scheme: light;
}
.card.dark {
  --bg: #1e222a; --fg: #eef1f6; --muted: #aab2c0; --line: #3a4150; --soft: #272c36;
  --accent: #9cc0f5; --accent-fg: #10141b; --focus: #9cc0f5; color-scheme: dark;
}
.card[hidden] { display: none; }
:where(.card *) { box-sizing: border-box; font: inherit; color: inherit; margin: 0; padding: 0; }
.card:focus { outline: none; }
.head { display: flex; align-items: flex-start; justify-content: space-between; gap: 12px; }
.kicker { font-size: 11.5px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
h2 { font-size: 17px; font-weight: 700; line-height: 1.3; margin-top: 1px; }
h3 { font-size: 11.5px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); margin-bottom: 4px; }
.tools { display: flex; gap: 4px; flex: none; }
button {
  appearance: none; border: 1px solid var(--line); background: var(--soft); color: var(--fg);
  border-radius: 7px; padding: 2px 9px; font-size: 12.5px; line-height: 1.6; cursor: pointer; min-height: 26px;
}
button:hover { border-color: var(--accent); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.close { font-size: 16px; line-height: 1.2; padding: 1px 8px; }
.pin[aria-pressed="true"] { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.written { font-size: 12.5px; color: var(--muted); margin-top: 2px; }
.lead { margin-top: 6px; font-weight: 600; }
.article { margin-top: 10px; }
.label { font-weight: 600; }
.period { margin-top: 10px; padding-top: 8px; border-top: 1px solid var(--line); }
.period summary { cursor: pointer; font-size: 11.5px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); list-style-position: inside; }
.period summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.period > p, .period > ul { margin-top: 4px; }
.period.since { border-top: 0; padding: 6px 10px 8px; border-radius: 8px; border-inline-start: 3px solid var(--accent); background: var(--soft); }
.period .period { margin-top: 6px; padding-top: 6px; }
.period.more > p { margin-top: 4px; }
ul { list-style: none; }
.period li { padding-inline-start: 0; margin-top: 3px; }
.date { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
.related { margin-top: 10px; padding-top: 8px; border-top: 1px solid var(--line); }
.related li { margin-top: 4px; }
.period.sources li { font-size: 11.5px; color: var(--muted); }

.steps { display: flex; align-items: center; gap: 6px; margin-top: 10px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
.steps span { flex: 1; }
.actions { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin-top: 8px; }
a { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; cursor: pointer; }
.page-link { flex-basis: 100%; }
.linkish { border: 0; background: none; padding: 0; color: var(--muted); text-decoration: underline; text-underline-offset: 2px; min-height: 0; }
.muted { font-size: 12.5px; color: var(--muted); }
.message { align-self: center; }
footer { margin-top: 10px; font-size: 11.5px; color: var(--muted); }
.live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) { .card { animation: ch-in 120ms ease-out; } }
@keyframes ch-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
@media (forced-colors: active) {
  .card { border: 1px solid CanvasText; box-shadow: none; }
  button { border: 1px solid ButtonText; }
  .pin[aria-pressed="true"] { background: Highlight; color: HighlightText; }
}
`;
