/**
 * Looking up selected text (the context menu's "Look up"): which entity it names, as the matcher
 * reads it (any alias, whatever its page rules) or by a name or alias in any case; and where the
 * card goes (beside the selection, or the focused field whose text was selected).
 */
import { findHits } from '../../core/find-mentions';
import { RecordKind, type Matcher } from '../../core/matcher-data';
import { foldText } from '../../core/normalize';

/** The id of the entity `text` names, or null. */
export function entityNamedBy(matcher: Matcher, text: string): string | null {
  for (const hit of findHits(matcher, text)) {
    const rec = matcher.records[hit.record]!;
    if (rec.kind === RecordKind.Mention) return matcher.entities[rec.entity]!.id;
  }
  const wanted = foldText(text);
  if (!wanted) return null;
  const rec = matcher.records.find((r) => r.kind === RecordKind.Mention && foldText(r.text) === wanted);
  return rec ? matcher.entities[rec.entity]!.id : null;
}

/** The current selection as a range to place a card beside, or the focused element's box; null without either. */
export function selectionAnchor(doc: Document): AbstractRange | null {
  const selection = doc.getSelection();
  if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
    const r = selection.getRangeAt(0);
    return new StaticRange({
      startContainer: r.startContainer,
      startOffset: r.startOffset,
      endContainer: r.endContainer,
      endOffset: r.endOffset,
    });
  }
  // Text selected in a form field is not a range of the page: place the card by the field.
  const active = doc.activeElement;
  if (active && active !== doc.body && active.parentNode) {
    const index = [...active.parentNode.childNodes].indexOf(active as ChildNode);
    return new StaticRange({
      startContainer: active.parentNode,
      startOffset: index,
      endContainer: active.parentNode,
      endOffset: index + 1,
    });
  }
  return null;
}

/** A selection's words for a message (quoted, at most a few words). */
export function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}
