import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { AnyApiDefinition } from '../api';
import { packageRoot } from './package-root';

/** The path of one of jobmock's own spec documents: `specs/<id>/openapi.yaml` or `specs/<id>/openrpc.yaml`. */
export function specPath(api: string, protocol: 'openapi' | 'openrpc'): string {
  return join(packageRoot(), 'specs', api, `${protocol}.yaml`);
}

/** Reads a spec document from a YAML or JSON file (a path relative to the current directory, or absolute). */
export function readSpecFile(path: string): Record<string, unknown> {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the spec ${file}: ${(error as Error).message}`);
  }
  const document: unknown = file.endsWith('.json') ? JSON.parse(text) : parse(text);
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new Error(`the spec ${file} is not an OpenAPI or OpenRPC document`);
  return document as Record<string, unknown>;
}

const documents = new WeakMap<AnyApiDefinition, Record<string, unknown>>();

const files = new WeakMap<AnyApiDefinition, string>();

/** A file holding an API's spec document, for tools that read specs from disk (Prism): the one it names, or a copy. */
export function specFile(api: AnyApiDefinition): string {
  if (typeof api.spec === 'string') return resolve(api.spec);
  let file = files.get(api);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'jobmock-spec-')), `${api.id}.${api.protocol}.json`);
    writeFileSync(file, JSON.stringify(api.spec));
    files.set(api, file);
  }
  return file;
}

/** An API's spec document: the one its definition holds, or the file it names (read once). */
export function specDocument(api: AnyApiDefinition): Record<string, unknown> {
  if (typeof api.spec !== 'string') return api.spec as Record<string, unknown>;
  let document = documents.get(api);
  if (!document) documents.set(api, (document = readSpecFile(api.spec)));
  return document;
}
