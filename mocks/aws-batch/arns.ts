import type { MockRequest } from '../../src/index';

/** The account every resource belongs to (as moto and LocalStack use). */
export const ACCOUNT = '123456789012';
/** The region of ARNs when no signed call names one (the admin API's views). */
export const DEFAULT_REGION = 'us-east-1';

export type ResourceType = 'job' | 'job-queue' | 'compute-environment' | 'job-definition';

/** `arn:aws:batch:<region>:<account>:<type>/<name>`. */
export function arnOf(region: string, type: ResourceType, name: string): string {
  return `arn:aws:batch:${region}:${ACCOUNT}:${type}/${name}`;
}

const ARN = /^arn:aws[a-z-]*:batch:([a-z0-9-]*):(\d*):([a-z-]+)\/(.+)$/;

/** The type and name an ARN of Batch names, or undefined when it is not one. */
export function parseArn(text: string): { type: string; name: string } | undefined {
  const match = ARN.exec(text);
  return match ? { type: match[3]!, name: match[4]! } : undefined;
}

/**
 * The name a name-or-ARN stands for: the name itself, or the name in an ARN of that type (any region and
 * account); undefined for an ARN of another type or service.
 */
export function nameIn(nameOrArn: string, type: ResourceType): string | undefined {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const arn = parseArn(nameOrArn);
  return arn?.type === type ? arn.name : undefined;
}

const SCOPE = /Credential=[^/\s,]+\/\d{8}\/([^/\s,]+)\//;

/** The region a call was signed for (its SigV4 credential scope): the region of the ARNs it is shown. */
export function regionOf(request: MockRequest): string {
  return SCOPE.exec(request.headers.authorization ?? '')?.[1] ?? DEFAULT_REGION;
}
