// oidc-provider ships no types; the e2e test uses only its constructor, listen() and two of its errors.
declare module 'oidc-provider' {
  import { type Server } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    listen(port: number): Server;
  }

  /** The provider's own errors: thrown while it authorizes, the browser is sent back with their code. */
  export const errors: {
    TemporarilyUnavailable: new (description?: string) => Error;
    CustomOIDCProviderError: new (error: string, description?: string) => Error;
  };
}
