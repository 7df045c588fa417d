import type { Issue } from '../core/fault';
import { fault } from '../core/fault';
import { isJsonMedia, mediaType, parseForm, parseJson } from '../core/body';
import type { MockReply, MockRequest } from '../core/wire';
import { SchemaValidator, toIssues } from '../spec/schema-validator';
import type { OperationSpec, ParameterLocation, ParameterSpec, ResponseSpec } from './operation';
import { dereference } from '../spec/json-pointer';
import { readOperations } from './operation';
import type { RouteResult } from './router';
import { Router } from './router';

/** A request that passed validation: parameters coerced to their types, the body parsed. */
export interface ValidatedRequest {
  readonly params: Record<string, unknown>;
  readonly body: unknown;
}

type ValidateFunction = ReturnType<SchemaValidator['compile']>;

const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];

/**
 * An OpenAPI 3.1 document compiled for serving: routing, request validation (every issue at once) and
 * reply checking. Validators are compiled on first use of an operation, or all at once by `warm()`.
 */
export class OpenApiDocument {
  readonly operations: readonly OperationSpec[];
  private readonly router: Router;
  private validatorInstance: SchemaValidator | undefined;
  private readonly parameterValidators = new Map<OperationSpec, ValidateFunction>();
  private readonly bodyValidators = new Map<string, ValidateFunction>();
  private readonly numericParameters = new Map<OperationSpec, readonly ParameterSpec[]>();

  constructor(readonly document: Record<string, unknown>) {
    this.operations = readOperations(document);
    this.router = new Router(this.operations);
  }

  /**
   * Made on first use: registering a document compiles ajv's meta-schema (twice), the largest part of start-up
   * after reading the YAML, and most APIs of a `jobmock serve` are never called in a given run.
   */
  private get validator(): SchemaValidator {
    return (this.validatorInstance ??= new SchemaValidator(this.document));
  }

  route(method: string, path: string): RouteResult {
    return this.router.route(method, path);
  }

  operation(id: string): OperationSpec | undefined {
    return this.operations.find((op) => op.id === id);
  }

  /** Compiles every validator now (so the first requests do not pay for it). */
  warm(): void {
    for (const op of this.operations) {
      this.parameterValidator(op);
      for (const at of op.body?.content.values() ?? []) this.validator.compiled(at);
      for (const response of op.responses.values()) {
        for (const at of response.content.values()) if (at) this.validator.compiled(at);
      }
    }
  }

  /**
   * Parses and validates a request for an operation. Throws one BadRequest fault listing every issue,
   * a ParseError for a malformed body, or UnsupportedMediaType for a body type the operation does not take.
   */
  validateRequest(
    op: OperationSpec,
    request: MockRequest,
    pathParams: Record<string, string>,
  ): ValidatedRequest {
    const groups: Record<ParameterLocation, Record<string, unknown>> = {
      path: { ...pathParams },
      query: {},
      header: {},
      cookie: parseCookies(request.headers.cookie),
    };
    for (const p of op.parameters) {
      if (p.in === 'query' && request.query[p.name] !== undefined)
        groups.query[p.name] = request.query[p.name];
      if (p.in === 'header') {
        const value = request.headers[lowerCase(p.name)];
        if (value !== undefined) groups.header[p.name] = value;
      }
    }
    const issues: Issue[] = this.nonDecimalNumbers(op, groups);
    // With no parameters declared the groups schema has nothing to check: skip it (health answers without ajv).
    const validateParams = op.parameters.length ? this.parameterValidator(op) : undefined;
    if (validateParams && !validateParams(groups)) {
      // A parameter that is not a decimal number is said to be so once, not also "must be integer".
      const told = new Set(issues.map((i) => i.location));
      issues.push(
        ...toIssues(validateParams.errors, '')
          .map(parameterIssue)
          .filter((i) => !told.has(i.location)),
      );
    }
    const body = this.parseBody(op, request, issues);
    if (issues.length) throw fault('BadRequest', summarize(issues), { issues });
    const params: Record<string, unknown> = {};
    for (const p of op.parameters) {
      const value = groups[p.in][p.name];
      if (value !== undefined) params[p.name] = value;
    }
    return { params, body };
  }

  /**
   * Every way a reply breaks the operation's declared responses (strict mode). `headers: false` skips the
   * required-header check, for replies recorded without their headers (pact files).
   */
  checkReply(op: OperationSpec, reply: MockReply, options: { headers?: boolean } = {}): string[] {
    const response = findResponse(op.responses, reply.status);
    if (!response) return [`status ${reply.status} is not declared for ${op.id}`];
    const violations: string[] = [];
    for (const [name, header] of options.headers === false ? [] : response.headers) {
      if (header.required && reply.headers[name] === undefined)
        violations.push(`required header ${name} is missing`);
    }
    const media = mediaType(reply.headers['content-type']);
    if (response.content.size === 0) {
      if (reply.body !== undefined)
        violations.push(`status ${reply.status} declares no body but one was sent`);
      return violations;
    }
    if (!media || !response.content.has(media)) {
      violations.push(`content type ${media ?? '(none)'} is not declared for status ${reply.status}`);
      return violations;
    }
    const schemaAt = response.content.get(media);
    if (schemaAt) {
      const validate = this.validator.compiled(schemaAt);
      const body = typeof reply.body === 'string' && isJsonMedia(media) ? safeParse(reply.body) : reply.body;
      if (!validate(body)) {
        violations.push(...toIssues(validate.errors, 'body').map((i) => `${i.location}: ${i.message}`));
      }
    }
    return violations;
  }

  /**
   * Numeric parameters written as anything but a plain decimal number: the coercing validator would take `0x10e1`,
   * ` 12 ` or `1e3` for numbers (JavaScript's `+value`), which a real service's parser refuses.
   */
  private nonDecimalNumbers(
    op: OperationSpec,
    groups: Record<ParameterLocation, Record<string, unknown>>,
  ): Issue[] {
    let numeric = this.numericParameters.get(op);
    if (!numeric) {
      numeric = op.parameters.filter((p) => isNumericSchema(dereference(this.document, p.schemaAt).value));
      this.numericParameters.set(op, numeric);
    }
    const issues: Issue[] = [];
    for (const p of numeric) {
      const value = groups[p.in][p.name];
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'string' && !DECIMAL.test(v)))
        issues.push({ location: `${p.in} ${p.name}`, message: 'must be a decimal number' });
    }
    return issues;
  }

  private parameterValidator(op: OperationSpec): ValidateFunction {
    // Looked up on every request: keep the compiled function per operation rather than rebuilding its schema.
    let validate = this.parameterValidators.get(op);
    if (!validate) {
      validate = this.compileParameterValidator(op);
      this.parameterValidators.set(op, validate);
    }
    return validate;
  }

  /** The validator of a request body schema, by its JSON pointer (kept here so a request builds no key). */
  private bodyValidator(at: string): ValidateFunction {
    let validate = this.bodyValidators.get(at);
    if (!validate) {
      validate = this.validator.compiled(at);
      this.bodyValidators.set(at, validate);
    }
    return validate;
  }

  private compileParameterValidator(op: OperationSpec): ValidateFunction {
    const properties: Record<string, object> = {};
    const required: string[] = [];
    for (const location of LOCATIONS) {
      const group = op.parameters.filter((p) => p.in === location);
      properties[location] = {
        type: 'object',
        properties: Object.fromEntries(group.map((p) => [p.name, { $ref: 'spec#' + p.schemaAt }])),
        required: group.filter((p) => p.required).map((p) => p.name),
      };
      required.push(location);
    }
    return this.validator.compile(
      `params:${op.method} ${op.template}`,
      { type: 'object', properties, required },
      true,
    );
  }

  private parseBody(op: OperationSpec, request: MockRequest, issues: Issue[]): unknown {
    if (!op.body) return undefined;
    const text = request.rawBody;
    if (text === '') {
      if (op.body.required) issues.push({ location: 'body', message: 'a request body is required' });
      return undefined;
    }
    const declared = [...op.body.content.keys()];
    const media = mediaType(request.headers['content-type']) ?? declared[0];
    if (!media || !op.body.content.has(media)) {
      throw fault(
        'UnsupportedMediaType',
        `Content-Type ${media} is not accepted; send ${declared.join(' or ')}`,
      );
    }
    const body =
      media === 'application/x-www-form-urlencoded'
        ? parseForm(text)
        : isJsonMedia(media)
          ? parseJson(text)
          : text;
    const validate = this.bodyValidator(op.body.content.get(media)!);
    if (!validate(body)) issues.push(...toIssues(validate.errors, 'body'));
    return body;
  }
}

/** `/header/ActivityId: must have required property` → `header ActivityId: is required`. */
function parameterIssue(issue: Issue): Issue {
  const [, location = '', name = '', ...rest] = issue.location.split('/');
  const where = rest.length ? `${location} ${name}/${rest.join('/')}` : `${location} ${name}`.trim();
  const message = issue.message.startsWith('must have required property') ? 'is required' : issue.message;
  return { location: where, message };
}

const lowerCaseNames = new Map<string, string>();

/** A header parameter's name in lower case, made once per name (a fresh string per request costs a hash). */
function lowerCase(name: string): string {
  let lower = lowerCaseNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    lowerCaseNames.set(name, lower);
  }
  return lower;
}

/** A decimal number as a request writes one: digits, an optional sign and fraction, no spaces, hex or exponent. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

function isNumericSchema(schema: unknown): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === 'integer' || type === 'number';
}

function summarize(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.location}: ${i.message}`).join('; ');
}

function findResponse(
  responses: ReadonlyMap<string, ResponseSpec>,
  status: number,
): ResponseSpec | undefined {
  return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
