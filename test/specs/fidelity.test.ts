import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { registry } from '../../mocks/index';
import { dereference } from '../../src/spec/json-pointer';
import type { ApiFacts, Fact } from '../fidelity/facts';
import { factsFile, registryFacts } from '../fidelity/registry-facts';
import { specFiles } from './spec-files';

/** The value a fact points at, following `$ref`s at every step. */
function valueAt(document: unknown, at: string): unknown {
  let current = '';
  let value: unknown = document;
  for (const segment of at.split('/').slice(1)) {
    current = dereference(document, `${current}/${segment}`).at;
    value = dereference(document, current).value;
    if (value === undefined) return undefined;
  }
  return value;
}

/** Why a fact does not hold, or undefined when it does. */
function check(document: unknown, fact: Fact): string | undefined {
  const value = valueAt(document, fact.at);
  if (value === undefined) return `nothing at ${fact.at}`;
  if ('equals' in fact && !isDeepStrictEqual(value, fact.equals)) return `found ${JSON.stringify(value)}`;
  if ('includes' in fact) {
    const list = Array.isArray(value) ? value : [];
    const absent = fact.includes.filter((item) => !list.some((v) => isDeepStrictEqual(v, item)));
    if (absent.length) return `missing ${JSON.stringify(absent)}`;
  }
  if ('hasKeys' in fact) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const absent = fact.hasKeys.filter((k) => !keys.includes(k));
    if (absent.length) return `missing keys ${absent.join(', ')}`;
  }
  return undefined;
}

const all: readonly ApiFacts[] = registryFacts();
const specs = new Map(specFiles().map((s) => [s.path, s.document]));

describe('fidelity facts (APIS.md as data) hold in each spec', () => {
  it.each(registry.map((api) => [api.id] as const))('%s has a facts file, about itself', (id) => {
    expect(existsSync(factsFile(id))).toBe(true);
    expect(all.find((f) => f.api === id)).toBeDefined();
  });

  describe.each(all.map((f) => [f.api, f] as const))('%s', (_api, apiFacts) => {
    const document = specs.get(apiFacts.spec);

    it('names an existing spec and holds at least 20 facts', () => {
      expect(document).toBeDefined();
      expect(apiFacts.facts.length).toBeGreaterThanOrEqual(20);
    });

    it.each(apiFacts.facts.map((f) => [f.claim, f] as const))('%s', (_claim, fact) => {
      expect(check(document, fact)).toBeUndefined();
    });
  });

  it('a fact that contradicts the spec is reported (the check can fail)', () => {
    const aws = all.find((f) => f.api === 'aws-batch')!;
    const fact = aws.facts.find((f) => 'equals' in f)!;
    expect(check(specs.get(aws.spec), { ...fact, equals: '__not the value__' })).toMatch(/found/);
  });
});
