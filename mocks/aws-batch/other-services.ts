import type { MockReply, MockRequest } from '../../src/index';
import { queryValue } from '../../src/index';

/** The service a request was signed for (its SigV4 credential scope), if it is signed. */
function signedService(request: MockRequest): string | undefined {
  return /Credential=[^/\s,]+\/\d{8}\/[^/\s,]+\/([^/\s,]+)\//.exec(request.headers.authorization ?? '')?.[1];
}

/** The `Action` of a query-protocol call (form body or query string), if it is one. */
function queryAction(request: MockRequest): string | undefined {
  const form = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(request.rawBody).get('Action')
    : null;
  return form ?? queryValue(request.query, 'Action');
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The query protocol's XML error: EC2's `Response/Errors/Error`, every other service's `ErrorResponse/Error`. */
function xmlError(service: string, code: string, message: string, requestId: string): MockReply {
  const error = `<Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
  const body =
    service === 'ec2'
      ? `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors>${error}</Errors><RequestID>${requestId}</RequestID></Response>`
      : `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse>${error}<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: 400, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/**
 * The reply to a request for an operation Batch does not have. AWS answers an unknown action of a rest-json
 * service with 404 `UnknownOperationException` (AWS Common Errors). A request meant for another service is
 * answered in that service's own error format, so that its SDK can read it, saying jobmock does not mock it:
 * the query protocol's XML (`InvalidAction`, 400) for `Action=…` calls, JSON with `__type` for a JSON
 * protocol's `X-Amz-Target`, S3's `<Error>` for S3, rest-json for the rest.
 */
export function unknownOperationReply(request: MockRequest, requestId: string): MockReply {
  const service = signedService(request);
  const action = queryAction(request);
  const target = request.headers['x-amz-target'];
  const where = `${request.method} ${request.base}${request.path}`;
  if (action !== undefined) {
    const name = service ?? 'this service';
    return xmlError(
      name,
      'InvalidAction',
      `jobmock mocks AWS Batch only: ${name} (Action=${action}) is not mocked`,
      requestId,
    );
  }
  if (target !== undefined) {
    return {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      body: {
        __type: 'UnknownOperationException',
        message: `jobmock mocks AWS Batch only: ${target} is not mocked`,
      },
    };
  }
  const notBatch = service !== undefined && service !== 'batch';
  const message = notBatch
    ? `jobmock mocks AWS Batch only: ${service} (${where}) is not mocked`
    : `Unknown operation ${where}: AWS Batch has no such operation`;
  if (service === 's3') {
    return {
      status: 404,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  return {
    status: 404,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': 'UnknownOperationException',
      'x-amzn-requestid': requestId,
    },
    body: { message },
  };
}
