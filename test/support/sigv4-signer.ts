import { createHash, createHmac } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape Smithy's signer expects. */
class NodeSha256 {
  private readonly hash: Hash | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** Signs a request the way the AWS SDK does (SigV4 for `batch`), for tests that build calls by hand. */
export async function signBatchRequest(
  path: string,
  body: unknown,
  options: {
    host?: string;
    secret?: string;
    accessKey?: string;
    region?: string;
    raw?: boolean;
    contentType?: string;
    /** When the request is signed (default: now). */
    signingDate?: Date;
    /** The method (default POST); a query string in `path` is signed as the query. */
    method?: string;
  } = {},
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'batch',
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKey ?? 'test', secretAccessKey: options.secret ?? 'test' },
    sha256: NodeSha256,
  });
  const rawBody = options.raw && typeof body === 'string' ? body : JSON.stringify(body);
  const signed = await signer.sign(
    {
      method: options.method ?? 'POST',
      protocol: 'http:',
      hostname: (options.host ?? '127.0.0.1:4010').split(':')[0]!,
      port: Number((options.host ?? '127.0.0.1:4010').split(':')[1]),
      path: path.split('?')[0]!,
      query: queryOf(path),
      headers: {
        host: options.host ?? '127.0.0.1:4010',
        'content-type': options.contentType ?? 'application/json',
      },
      body: rawBody,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return signed.headers as Record<string, string>;
}

/** The query string of a path as Smithy's signer takes it (a repeated key becomes a list). */
function queryOf(path: string): Record<string, string | string[]> {
  // Without a prototype, so keys like `toString` are keys like any other.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(path.split('?')[1] ?? '')) {
    const had = query[key];
    query[key] = had === undefined ? value : [had, value].flat();
  }
  return query;
}
