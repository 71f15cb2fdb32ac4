/**
 * How the card's frame gets its port: the content script that made the frame puts a nonce in its
 * address (after `#`, which no request carries) and, once the frame has loaded, posts one window
 * message with that nonce and a MessagePort. The frame takes the first message that carries its
 * nonce and exactly one port; every other window message, before or after, is ignored. The frame
 * never answers through the window (a message's `source` would hand a page its window).
 */
import type { CardHandshake } from '../shared/card-port';

export function acceptPort(
  win: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  nonce: string,
): Promise<MessagePort> {
  return new Promise((resolve) => {
    if (nonce.length < 16) return; // no address of ours: never connect
    const onMessage = (e: MessageEvent): void => {
      const data = e.data as Partial<CardHandshake> | null;
      if (typeof data !== 'object' || data === null || data.nonce !== nonce || e.ports.length !== 1) return;
      win.removeEventListener('message', onMessage);
      resolve(e.ports[0]!);
    };
    win.addEventListener('message', onMessage);
  });
}
