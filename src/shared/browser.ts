/**
 * The one import of the WebExtension API. Everything else imports `browser` from here, so unit
 * tests can swap this module for an in-memory fake (tests/fakes/browser.ts); the polyfill itself
 * throws outside an extension.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
export default browser;
