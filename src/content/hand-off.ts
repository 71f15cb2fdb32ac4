/**
 * What early.js (at document start) hands content.js (at document idle) through their world's
 * globals, which both scripts of one extension in one frame share and the page's scripts never
 * see: the background's answer to its request for the highlight styles, and the stored settings
 * and install token, read while the page loads (in Firefox that round trip alone takes 160–200 ms).
 * Each is taken once; content.js asks for itself what it does not find.
 */
export type StylesAnswer = Promise<{ token: string; inserted: boolean } | null>;
export type Stored = Promise<Record<string, unknown>>;

interface HandOff {
  styles?: StylesAnswer;
  /** The latest read of the stored keys (read again whenever they change before content.js takes it). */
  stored?: Stored;
  stopWatching?: () => void;
}

const KEY = 'contextual-highlights:hand-off';

function handOff(): HandOff {
  const scope = globalThis as { [KEY]?: HandOff };
  return (scope[KEY] ??= {});
}

export function leave(parts: HandOff): void {
  Object.assign(handOff(), parts);
}

export function takeStyles(): StylesAnswer | undefined {
  const h = handOff();
  const styles = h.styles;
  delete h.styles;
  return styles;
}

export function takeStored(): Stored | undefined {
  const h = handOff();
  const stored = h.stored;
  h.stopWatching?.();
  delete h.stored;
  delete h.stopWatching;
  return stored;
}
