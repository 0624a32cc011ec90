/** The web panel and curve designer: the server factory, the host contract and its adapter. */
export { createWebServer, DEFAULT_WEB_PORT, WEB_STATIC_DIR, type WebServer, type WebServerOptions } from './create-web-server';
export { createHostAdapter, type HostParts } from './host-adapter';
export { WebBanks, type BankFolders } from './web-banks';
export type * from './web-host';
export { panelPort } from './virtual-panel-port';
