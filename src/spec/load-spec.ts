import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root';

/** The path of an API's spec document: `specs/<id>/openapi.yaml` or `specs/<id>/openrpc.yaml`. */
export function specPath(api: string, protocol: 'openapi' | 'openrpc'): string {
  return join(packageRoot(), 'specs', api, `${protocol}.yaml`);
}

/** Reads and parses an API's spec document. */
export function loadSpec(api: string, protocol: 'openapi' | 'openrpc'): Record<string, unknown> {
  return parse(readFileSync(specPath(api, protocol), 'utf8')) as Record<string, unknown>;
}
