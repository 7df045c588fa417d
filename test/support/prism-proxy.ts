export { freePort, startPrismProxy } from '../../src/verify/prism-proxy';
export type { PrismProxy } from '../../src/verify/prism-proxy';
