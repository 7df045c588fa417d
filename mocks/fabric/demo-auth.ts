import { randomUUID } from 'node:crypto';
import type { OutgoingRequest } from '../../src/index';

/** The tenant the demo credentials speak for (any GUID works; this one is the spec's example). */
export const DEMO_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** An unsigned JWT-shaped token (`eyJ…`) with the given claims: enough for a mock that checks shape only. */
export function demoJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** `SubjectAndAppToken1.0 subjectToken="…", appToken="…"`; an empty subject token is the app-only form. */
export function subjectAndAppHeader(subjectToken: string, appToken: string): string {
  return `SubjectAndAppToken1.0 subjectToken="${subjectToken}", appToken="${appToken}"`;
}

/** The four headers Fabric sends, for a request that has no Authorization yet. */
export function fabricDemoAuth(request: OutgoingRequest): Record<string, string> {
  const has = (name: string) =>
    Object.keys(request.headers).some((k) => k.toLowerCase() === name && request.headers[k] !== undefined);
  if (has('authorization')) return {};
  const headers: Record<string, string> = {
    Authorization: subjectAndAppHeader(
      demoJwt({ oid: 'demo-user', tid: DEMO_TENANT_ID }),
      demoJwt({ appid: 'fabric', tid: DEMO_TENANT_ID }),
    ),
  };
  if (!has('x-ms-client-tenant-id')) headers['x-ms-client-tenant-id'] = DEMO_TENANT_ID;
  if (!has('activityid')) headers.ActivityId = randomUUID();
  if (!has('requestid')) headers.RequestId = randomUUID();
  return headers;
}
