/**
 * The background (Chrome: service worker; Firefox: event page). Listeners are registered at once,
 * at every start, as the browser requires for an extension's events to wake it.
 */
import { listen } from './listen';

listen();
