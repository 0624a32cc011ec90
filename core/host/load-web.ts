import type { startWeb } from './start-web';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The web server's modules, each loaded in a turn of the event loop of its own, in this order:
 * Node's https and http2 (fastify loads them), semver, fastify, its static and websocket plugins,
 * then the panel's own modules. Loaded in one go, they held the main thread right after the
 * module started playing: the encoder poll, the LED and the screen each ran once 311 to 714 ms
 * late in every bench:patches run; between these turns the timers that came due run. Each is a `require` of
 * its own, named as it is, so that a bundled host (scripts/bundle-threads.js) holds the panel's.
 */
const WEB_MODULES: ReadonlyArray<() => unknown> = [
  () => require('node:https'),
  () => require('node:http2'),
  () => require('semver'),
  () => require('fastify'),
  () => require('@fastify/static'),
  () => require('@fastify/websocket'),
  () => require('../web'),
  () => require('./start-web'),
];

/** Loads the web server a module at a time (see WEB_MODULES) and resolves with what starts it. */
export async function loadStartWeb(): Promise<typeof startWeb> {
  for (const load of WEB_MODULES) {
    load();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return (require('./start-web') as typeof import('./start-web')).startWeb;
}
