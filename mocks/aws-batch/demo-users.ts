/** Demo credential: access key `test`, secret `test`, any region (as LocalStack and moto use). */
export const DEMO_CREDENTIALS: ReadonlyMap<string, string> = new Map([['test', 'test']]);
