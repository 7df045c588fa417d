import type { ChaosConfig } from '../core/chaos';

const NUMBERS = ['seed', 'rate'] as const;
const LISTS = ['apis', 'operations', 'kinds'] as const;

/**
 * The value of `serve --chaos`: the body of `POST /__admin/chaos` as JSON, or the same as `name=value` pairs
 * separated by commas, lists joined by `+`. The service checks it as the admin API checks its body.
 *
 * @example chaosOption('seed=7,rate=0.1,apis=aws-batch+fabric,kinds=error+throttle')
 * @example chaosOption('{"seed":7,"rate":0.1}')
 */
export function chaosOption(value: string): ChaosConfig {
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as ChaosConfig;
    } catch (error) {
      throw new Error(`--chaos: not JSON (${(error as Error).message})`);
    }
  }
  const chaos: Record<string, unknown> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [name = '', given] = pair.split('=', 2).map((part) => part.trim());
    if (given === undefined) throw new Error(`--chaos: "${pair}" is not name=value`);
    if ((NUMBERS as readonly string[]).includes(name)) chaos[name] = Number(given);
    else if ((LISTS as readonly string[]).includes(name)) chaos[name] = given.split('+').filter(Boolean);
    else throw new Error(`--chaos: unknown "${name}"; names: ${[...NUMBERS, ...LISTS].join(', ')}`);
  }
  return chaos as unknown as ChaosConfig;
}
