// SigV4-signs AWS Batch CancelJob requests once, so the load generator can replay them as they are.
// Signed with @smithy/signature-v4 (what the AWS SDK uses) over node:crypto, independently of jobmock's verifier.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** SHA-256 / HMAC-SHA-256 in the shape Smithy's signer expects. */
class NodeSha256 {
  constructor(secret) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data) {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

const signer = new SignatureV4({
  service: 'batch',
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  sha256: NodeSha256,
});

/**
 * A signed `POST <path>` with a JSON body for `host` (`127.0.0.1:PORT`): `{method, path, headers, body}`,
 * ready for autocannon. Signed now: the mock, like AWS, refuses a signature dated 15 minutes away, so a request
 * is replayed within the run that signed it.
 */
export async function signedCancel(host, jobId, path = '/v1/canceljob') {
  const body = JSON.stringify({ jobId, reason: 'bench' });
  const [hostname, port] = host.split(':');
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path,
      headers: { host, 'content-type': 'application/json' },
      body,
    },
    { signingDate: new Date() },
  );
  return { method: 'POST', path, headers: signed.headers, body };
}
