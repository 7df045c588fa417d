import { fault } from '../core/fault';
import type { MockReply } from '../core/wire';

/** One file of the web inspector: its media type and its text. */
export interface InspectorFile {
  readonly type: string;
  readonly body: string;
}

/** The web inspector's files by name (`index.html`, `app.js`, `app.css`), as `npm run build` bundles them. */
export type InspectorFiles = ReadonlyMap<string, InspectorFile>;

/**
 * What the page may do (Content-Security-Policy): its own scripts, styles and admin calls only, nothing from
 * elsewhere, and no framing by another site.
 */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A file of the inspector as a reply, or NotFound (also when the inspector was not built). */
export function inspectorFile(files: InspectorFiles | undefined, name: string): MockReply {
  const file = files?.get(name);
  if (!file) {
    throw fault(
      'NotFound',
      files
        ? `The inspector has no file ${name}`
        : 'The web inspector is not built here (npm run build makes it)',
    );
  }
  return {
    status: 200,
    headers: {
      'content-type': file.type,
      'cache-control': 'no-cache',
      'content-security-policy': PAGE_POLICY,
      'x-content-type-options': 'nosniff',
    },
    body: file.body,
  };
}
