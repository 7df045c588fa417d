import type { AnyApiDefinition, Machine } from '../src/index';
import { awsBatch } from './aws-batch';
import { bigchange } from './bigchange';
import { fabric } from './fabric';
import { itential } from './itential';
import { kbase } from './kbase';

/** Every API jobmock serves, in the order `jobmock serve` lists them. Adding an API is one line here. */
export const registry: readonly AnyApiDefinition[] = [awsBatch, kbase, fabric, itential, bigchange];

/** The state names of an API definition. */
type StatesOf<A> = A extends { readonly machine: Machine<infer S> } ? S : string;

/** Each registered API's own state names, by API id: what `intercept()` types its interceptor with. */
export interface ApiStates {
  'aws-batch': StatesOf<typeof awsBatch>;
  kbase: StatesOf<typeof kbase>;
  fabric: StatesOf<typeof fabric>;
  itential: StatesOf<typeof itential>;
  bigchange: StatesOf<typeof bigchange>;
}
