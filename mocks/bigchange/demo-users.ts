/** An OAuth client of the auth proxy (client credentials grant): its secret and the customer it belongs to. */
export interface DemoClient {
  readonly secret: string;
  readonly customerId: number;
}

/** The customer the demo jobs belong to (the `Customer-Id` every demo call sends). */
export const DEMO_CUSTOMER_ID = 4321;

/** The customer of "another customer's" jobs, with a client of its own. */
export const OTHER_CUSTOMER_ID = 8765;

/** The demo clients: `demo`/`demo` for the demo customer, `other`/`other` for the other one. */
export const DEMO_CLIENTS: ReadonlyMap<string, DemoClient> = new Map([
  ['demo', { secret: 'demo', customerId: DEMO_CUSTOMER_ID }],
  ['other', { secret: 'other', customerId: OTHER_CUSTOMER_ID }],
]);
