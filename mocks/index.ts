import type { AnyApiDefinition } from '../src/index';
import { awsBatch } from './aws-batch';

/** Every API jobmock serves, in the order `jobmock serve` lists them. Adding an API is one line here. */
export const registry: readonly AnyApiDefinition[] = [awsBatch];
