import { editDistance } from '../core/edit-distance';
import type { MockRequest } from '../core/wire';
import type { OperationSpec } from './operation';

/** How far a path may be from an operation's template (in segments) and still be named as the one meant. */
const MAX_DISTANCE = 1;

/**
 * What a request that matched no operation may have meant: the operation at the same path under another method,
 * or the one whose path template is closest (a mistyped or missing segment, a different case, a slash too many).
 *
 * @example nearestOperation(ops, { method: 'POST', base: '', path: '/v1/cancel-job', ... })
 * // 'Did you mean POST /v1/canceljob (CancelJob)?'
 */
export function nearestOperation(
  operations: readonly OperationSpec[],
  request: MockRequest,
): string | undefined {
  const parts = segments(request.path);
  let best: OperationSpec | undefined;
  let bestDistance = MAX_DISTANCE + 0.001;
  for (const op of operations) {
    const distance = pathDistance(parts, segments(op.template)) + (op.method === request.method ? 0 : 0.0005);
    if (distance < bestDistance) {
      best = op;
      bestDistance = distance;
    }
  }
  if (!best) return undefined;
  const at = `${request.base}${best.template}`;
  if (bestDistance < 0.001 && best.method !== request.method)
    return `${best.id} is ${best.method} ${at}, not ${request.method}`;
  return `Did you mean ${best.method} ${at} (${best.id})?${caseNote(request.path, best.template)}`;
}

function segments(path: string): string[] {
  return path.split('/').slice(1);
}

/** An edit distance over segments: a parameter takes any segment, a mistyped one costs its share of change. */
function pathDistance(parts: readonly string[], template: readonly string[]): number {
  let previous = Array.from({ length: template.length + 1 }, (_, j) => j);
  for (let i = 1; i <= parts.length; i++) {
    const current = [i];
    for (let j = 1; j <= template.length; j++) {
      const cost = segmentCost(parts[i - 1]!, template[j - 1]!);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[template.length]!;
}

function segmentCost(part: string, template: string): number {
  if (/^\{[^}]+\}$/.test(template)) return part === '' ? 1 : 0;
  if (part === template) return 0;
  const a = part.toLowerCase();
  const b = template.toLowerCase();
  if (a === b) return 0.1;
  const length = Math.max(a.length, b.length);
  const distance = editDistance(a, b, length);
  // One segment a third changed (or less) is a typo; more is another word.
  return distance <= Math.max(1, length / 3) ? distance / length : 1;
}

function caseNote(path: string, template: string): string {
  const literal = template.replace(/\{[^}]+\}/g, '');
  return path.toLowerCase().includes(literal.toLowerCase()) && !path.includes(literal)
    ? ' (paths are case-sensitive)'
    : '';
}
