import type { OperationSpec } from './operation';

export type RouteResult =
  | { readonly found: true; readonly operation: OperationSpec; readonly pathParams: Record<string, string> }
  | {
      readonly found: false;
      readonly reason: 'RouteNotFound' | 'MethodNotAllowed';
      readonly allowed: readonly string[];
    };

interface TemplateRoute {
  readonly segments: readonly (string | { param: string })[];
  readonly byMethod: Map<string, OperationSpec>;
}

/**
 * Finds the operation for a method and path. Templates without parameters are one map look-up;
 * templated paths are matched segment by segment (literal segments win over parameters, as OpenAPI says).
 */
export class Router {
  private readonly exact = new Map<string, Map<string, OperationSpec>>();
  private readonly templated: TemplateRoute[] = [];

  constructor(operations: readonly OperationSpec[]) {
    const byTemplate = new Map<string, TemplateRoute>();
    for (const op of operations) {
      if (!op.template.includes('{')) {
        const methods = this.exact.get(op.template) ?? new Map<string, OperationSpec>();
        methods.set(op.method, op);
        this.exact.set(op.template, methods);
        continue;
      }
      let route = byTemplate.get(op.template);
      if (!route) {
        const segments = op.template
          .split('/')
          .slice(1)
          .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : s));
        route = { segments, byMethod: new Map() };
        byTemplate.set(op.template, route);
        this.templated.push(route);
      }
      route.byMethod.set(op.method, op);
    }
    // Most literal segments first, so /jobs/{id}/cancel is tried before /jobs/{id}/{action}.
    this.templated.sort((a, b) => literalCount(b) - literalCount(a));
  }

  route(method: string, path: string): RouteResult {
    const exact = this.exact.get(path);
    if (exact) return pick(exact, method, {});
    const parts = path.split('/').slice(1);
    for (const route of this.templated) {
      const params = match(route, parts);
      if (params) return pick(route.byMethod, method, params);
    }
    return { found: false, reason: 'RouteNotFound', allowed: [] };
  }
}

function pick(
  methods: Map<string, OperationSpec>,
  method: string,
  pathParams: Record<string, string>,
): RouteResult {
  const operation = methods.get(method);
  if (operation) return { found: true, operation, pathParams };
  return { found: false, reason: 'MethodNotAllowed', allowed: [...methods.keys()] };
}

function match(route: TemplateRoute, parts: readonly string[]): Record<string, string> | undefined {
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (typeof segment === 'string') {
      if (segment !== part) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.param] = safeDecode(part);
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function literalCount(route: TemplateRoute): number {
  return route.segments.filter((s) => typeof s === 'string').length;
}
