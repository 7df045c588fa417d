/** Where a front end calls each API in production: the base URLs the MSW tests mock. */
export const FRONT_END_URLS = {
  'aws-batch': 'https://batch.us-east-1.amazonaws.com',
  kbase: 'https://kbase.us/dynserv/JobBrowserBFF',
  fabric: 'https://workload.contoso.example/api/v1',
  itential: 'https://itential.example.com:3443',
  bigchange: 'https://api.bigchange.com',
} as const;
