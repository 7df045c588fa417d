import type { Issue } from '../core/fault';
import type { RpcError } from '../api';
import { pointer } from '../spec/json-pointer';
import { dereference } from '../spec/json-pointer';
import { SchemaValidator, toIssues } from '../spec/schema-validator';

interface ParamSpec {
  readonly name: string;
  readonly required: boolean;
  readonly schemaAt: string;
}

export interface MethodSpec {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly resultAt: string | undefined;
  /** Error codes the method declares. */
  readonly errorCodes: ReadonlySet<number>;
  /** The error objects the method declares (one per code, the first), as fault injection offers them. */
  readonly errors: readonly { readonly code: number; readonly message: string }[];
  /** False when the method refuses params it does not declare (`x-additional-params: false`). */
  readonly additionalParams: boolean;
}

/** JSON-RPC 2.0 §5.1 codes any method may answer with. */
const STANDARD_CODES = new Set([-32700, -32600, -32601, -32602, -32603]);

/**
 * An OpenRPC 1.x document compiled for serving: methods by name, params validation (every issue at once)
 * and result/error checking.
 */
export class OpenRpcDocument {
  readonly methods: ReadonlyMap<string, MethodSpec>;
  private readonly validator: SchemaValidator;

  constructor(readonly document: Record<string, unknown>) {
    this.validator = new SchemaValidator(document);
    const methods = new Map<string, MethodSpec>();
    ((document.methods ?? []) as unknown[]).forEach((_, i) => {
      const { value, at } = dereference(document, pointer('methods', i));
      const m = value as {
        name: string;
        params?: unknown[];
        result?: unknown;
        errors?: unknown[];
        'x-additional-params'?: boolean;
      };
      const params = (m.params ?? []).map((__, j) => {
        const { value: p, at: pAt } = dereference(document, `${at}/params/${j}`);
        const param = p as { name: string; required?: boolean };
        return { name: param.name, required: param.required === true, schemaAt: pAt + '/schema' };
      });
      const resultAt = m.result ? dereference(document, `${at}/result`).at + '/schema' : undefined;
      const declared = (m.errors ?? []).map(
        (__, j) => dereference(document, `${at}/errors/${j}`).value as { code: number; message: string },
      );
      const errorCodes = new Set(declared.map((e) => e.code));
      const errors = [...errorCodes].map((code) => {
        const { message } = declared.find((e) => e.code === code)!;
        return { code, message };
      });
      methods.set(m.name, {
        name: m.name,
        params,
        resultAt,
        errorCodes,
        errors,
        additionalParams: m['x-additional-params'] !== false,
      });
    });
    this.methods = methods;
  }

  warm(): void {
    for (const method of this.methods.values()) {
      this.paramsValidator(method);
      if (method.resultAt) this.validator.compiled(method.resultAt);
    }
  }

  /** Every issue with the named params of a call. */
  validateParams(method: MethodSpec, params: Record<string, unknown>): Issue[] {
    const validate = this.paramsValidator(method);
    return validate(params) ? [] : toIssues(validate.errors, 'params');
  }

  /** Every way a result or error breaks the method's declaration (strict mode). */
  checkResponse(method: MethodSpec, response: { result?: unknown; error?: RpcError }): string[] {
    if (response.error) {
      const { code } = response.error;
      return STANDARD_CODES.has(code) || method.errorCodes.has(code)
        ? []
        : [`error code ${code} is not declared for ${method.name}`];
    }
    if (!method.resultAt) return [];
    const validate = this.validator.compiled(method.resultAt);
    return validate(response.result)
      ? []
      : toIssues(validate.errors, 'result').map((i) => `${i.location}: ${i.message}`);
  }

  private paramsValidator(method: MethodSpec) {
    return this.validator.compile(
      `params:${method.name}`,
      {
        type: 'object',
        properties: Object.fromEntries(method.params.map((p) => [p.name, { $ref: 'spec#' + p.schemaAt }])),
        required: method.params.filter((p) => p.required).map((p) => p.name),
        additionalProperties: method.additionalParams,
      },
      false,
    );
  }
}
