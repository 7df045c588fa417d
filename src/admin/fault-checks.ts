import type { ChaosConfig } from '../core/chaos';
import { fault } from '../core/fault';
import type { InjectedFault } from '../core/injected-fault';
import type { Engine } from '../engine/engine';
import type { OperationInfo } from '../engine/protocol';
import type { components } from '../../specs/_admin/types.gen';

type Schemas = components['schemas'];

/** The fields of a fault that do something (a fault with none of them is refused). */
const EFFECTS = [
  'status',
  'code',
  'latencyMs',
  'latency',
  'network',
  'throttle',
  'rateLimit',
  'ignore',
  'failTo',
] as const;

/**
 * An injected fault as the admin API takes it (its shape already checked against the admin spec): it must name
 * a real operation, only errors the spec declares for it (a status, or a JSON-RPC code), throttling only where
 * the spec declares a throttled reply, a state the API's jobs can move to, and effects that go together.
 * Throws a BadRequest fault saying what is wrong.
 */
export function checkedFault(engine: Engine, input: Schemas['Fault']): InjectedFault {
  const { protocol, api } = engine.served(input.api);
  const where = `${input.api} ${input.operation ?? '(any operation)'}`;
  const ops = protocol.operations.filter((op) => input.operation === undefined || op.id === input.operation);
  if (!ops.length) throw fault('BadRequest', `${input.api} has no operation "${input.operation}"`);
  if (!EFFECTS.some((key) => input[key] !== undefined && input[key] !== false))
    throw fault('BadRequest', `A fault needs an effect: one of ${EFFECTS.join(', ')}`);
  checkStatus(input, ops, where);
  checkCode(input, ops, where);
  if (input.throttle !== undefined || input.rateLimit !== undefined) {
    if (!ops.some((op) => op.faults.throttling))
      throw fault(
        'BadRequest',
        `${where} has no throttled reply in its spec (no 429), so it cannot be throttled`,
      );
  }
  const replies = (['status', 'code', 'throttle'] as const).filter((key) => input[key] !== undefined);
  if (replies.length > 1)
    throw fault('BadRequest', `A fault answers with one reply, not ${replies.join(' and ')}`);
  if (input.ignore && replies.length)
    throw fault('BadRequest', `ignore keeps a handled call's reply, so it does not go with ${replies[0]}`);
  if (input.rateLimit !== undefined) {
    const others = Object.keys(input).filter((key) => !['api', 'operation', 'rateLimit'].includes(key));
    if (others.length)
      throw fault('BadRequest', `A rateLimit takes only api and operation, not ${others.join(', ')}`);
  }
  if (input.latency?.shape === 'uniform' && input.latency.minMs > input.latency.maxMs)
    throw fault('BadRequest', 'A uniform latency needs minMs ≤ maxMs');
  if (input.failTo !== undefined) {
    const targets = new Set(Object.values(api.machine.transitions).flat());
    if (!targets.has(input.failTo))
      throw fault(
        'BadRequest',
        `"${input.failTo}" is not a state ${input.api} jobs move to; states: ${[...targets].join(', ')}`,
      );
  }
  return { ...input };
}

/** A status must be one every operation the fault aims at declares (JSON-RPC APIs map any status by kind). */
function checkStatus(input: Schemas['Fault'], ops: readonly OperationInfo[], where: string): void {
  if (input.status === undefined || ops.every((op) => op.errorStatuses.length === 0)) return;
  const declared = ops
    .map((op) => op.errorStatuses)
    .reduce((common, next) => common.filter((s) => next.includes(s)));
  if (!declared.includes(input.status))
    throw fault(
      'BadRequest',
      `${where} does not declare status ${input.status}; declared: ${declared.join(', ')}`,
    );
}

/** A code must be an error code every method the fault aims at declares. */
function checkCode(input: Schemas['Fault'], ops: readonly OperationInfo[], where: string): void {
  if (input.code === undefined) return;
  const codesOf = (op: OperationInfo) => op.faults.errors.flatMap((e) => ('code' in e ? [e.code] : []));
  const declared = ops.map(codesOf).reduce((common, next) => common.filter((c) => next.includes(c)));
  if (!declared.includes(input.code))
    throw fault(
      'BadRequest',
      declared.length
        ? `${where} does not declare error code ${input.code}; declared: ${declared.join(', ')}`
        : `${where} declares no error codes (its errors are HTTP statuses: use status)`,
    );
}

/** Chaos must name APIs that are served and operations one of them has. Throws a BadRequest fault. */
export function checkedChaos(engine: Engine, input: Schemas['Chaos']): ChaosConfig {
  const apis = (input.apis ?? engine.apiIds).map((id) => engine.served(id));
  for (const operation of input.operations ?? []) {
    if (!apis.some(({ protocol }) => protocol.operations.some((op) => op.id === operation)))
      throw fault(
        'BadRequest',
        `No API of the chaos (${apis.map((s) => s.api.id).join(', ')}) has an operation "${operation}"`,
      );
  }
  return { ...input };
}
