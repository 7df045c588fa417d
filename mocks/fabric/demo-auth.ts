import type { OutgoingRequest } from '../../src/index';
import { toBase64Url } from '../../src/index';
import { DEMO_TENANT_ID } from './demo-users';

/** An unsigned JWT-shaped token (`eyJ…`) with the given claims: enough for a mock that checks shape only. */
export function demoJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => toBase64Url(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** `SubjectAndAppToken1.0 subjectToken="…", appToken="…"`; an empty subject token is the app-only form. */
export function subjectAndAppHeader(subjectToken: string, appToken: string): string {
  return `SubjectAndAppToken1.0 subjectToken="${subjectToken}", appToken="${appToken}"`;
}

/** The four headers Fabric sends, for a request that has no Authorization yet. */
export function fabricDemoAuth(request: OutgoingRequest): Record<string, string> {
  const has = (name: string) => request.headers[name] !== undefined;
  if (has('authorization')) return {};
  const headers: Record<string, string> = {
    authorization: subjectAndAppHeader(
      demoJwt({ oid: 'demo-user', tid: DEMO_TENANT_ID }),
      demoJwt({ appid: 'fabric', tid: DEMO_TENANT_ID }),
    ),
  };
  if (!has('x-ms-client-tenant-id')) headers['x-ms-client-tenant-id'] = DEMO_TENANT_ID;
  if (!has('activityid')) headers.activityid = crypto.randomUUID();
  if (!has('requestid')) headers.requestid = crypto.randomUUID();
  return headers;
}
