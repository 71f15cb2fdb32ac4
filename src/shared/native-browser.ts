/**
 * The few WebExtension calls early.js makes, without the polyfill: early.js runs in every frame at
 * document start, where 35 KB of polyfill would be compiled and instantiated once more per frame.
 * Firefox's `browser` and Chromium's MV3 `chrome` both return promises for these.
 */
export interface NativeApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: (message: unknown) => void): void;
      removeListener(listener: (message: unknown) => void): void;
    };
  };
}

/** The extension API of this world, or null outside an extension. */
export function nativeApi(): NativeApi | null {
  const scope = globalThis as { browser?: NativeApi; chrome?: NativeApi & { runtime?: { id?: string } } };
  return scope.browser ?? (scope.chrome?.runtime?.id ? scope.chrome : null);
}
