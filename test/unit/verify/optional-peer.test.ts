import { installCommand, requireOptionalPeer } from '../../../src/verify/optional-peer';

describe('optional peer dependencies', () => {
  it('the install command names the range package.json declares', () => {
    expect(installCommand('msw')).toMatch(/^npm install --save-dev msw@\^2\.\d+\.\d+$/);
    expect(installCommand('@pact-foundation/pact-core')).toMatch(
      /^npm install --save-dev @pact-foundation\/pact-core@\^\d+\.\d+\.\d+$/,
    );
  });

  it('a missing one fails with what needs it and the exact command that installs it', () => {
    expect(() => requireOptionalPeer('jobmock-missing-peer', 'jobmock verify')).toThrow(
      'jobmock verify needs jobmock-missing-peer, an optional peer dependency of jobmock: npm install --save-dev jobmock-missing-peer',
    );
  });

  it('an installed one loads', () => {
    expect(typeof requireOptionalPeer<{ default: unknown }>('@pact-foundation/pact-core', 'x').default).toBe(
      'object',
    );
  });
});
