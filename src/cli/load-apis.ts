import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyApiDefinition } from '../api';
import { specDocument } from '../spec/load-spec';

/**
 * The API definitions a module of the user's exports (`jobmock serve --apis <module>`): its default export (one
 * definition or a list), an `apis` list, or every named export that is a definition. CommonJS and ES modules
 * alike; a spec given as a path is read now.
 *
 * @example const apis = await loadApis('./mocks/my-api.js');
 */
export async function loadApis(modulePath: string): Promise<AnyApiDefinition[]> {
  const file = resolve(modulePath);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load the APIs of ${file}: ${(error as Error).message}`);
  }
  const apis = definitionsIn(loaded);
  if (!apis.length)
    throw new Error(`${file} exports no API definition (export one made with defineApi, or a list of them)`);
  return withSpecDocuments(apis);
}

/** The definitions with every spec given as a path read into its document (what MockService takes). */
export function withSpecDocuments(apis: readonly AnyApiDefinition[]): AnyApiDefinition[] {
  return apis.map((api) => (typeof api.spec === 'string' ? { ...api, spec: specDocument(api) } : api));
}

function definitionsIn(loaded: Record<string, unknown>): AnyApiDefinition[] {
  const fromDefault = loaded.default as unknown;
  for (const candidate of [fromDefault, (fromDefault as { apis?: unknown } | undefined)?.apis, loaded.apis]) {
    if (isDefinition(candidate)) return [candidate];
    if (Array.isArray(candidate) && candidate.every(isDefinition)) return candidate;
  }
  const named = Object.values(loaded).filter(isDefinition);
  const inDefault =
    fromDefault && typeof fromDefault === 'object' ? Object.values(fromDefault).filter(isDefinition) : [];
  return [...new Set([...named, ...inDefault])];
}

function isDefinition(value: unknown): value is AnyApiDefinition {
  const api = value as Partial<AnyApiDefinition> | null;
  return (
    !!api &&
    typeof api === 'object' &&
    typeof api.id === 'string' &&
    (api.protocol === 'openapi' || api.protocol === 'openrpc') &&
    typeof api.handlers === 'object' &&
    typeof api.machine === 'object'
  );
}
