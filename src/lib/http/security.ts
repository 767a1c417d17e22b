import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet with a strict Content-Security-Policy: every script and stylesheet is served from
 * public/, no inline script or style (not even a style attribute), no third-party origin.
 */
function helmetFor(isProduction: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Same-origin only: the app embeds nothing from elsewhere.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: isProduction,
  });
}

/**
 * helmet's headers do not depend on the request: computed once by running helmet on a recording
 * response, then set from that list on every response (helmet itself rebuilds them on every
 * request). Also written as is by the page cache's hot path.
 */
export function securityHeaderList(isProduction: boolean): ReadonlyArray<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  helmetFor(isProduction)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => undefined,
  );
  return headers;
}

export function securityHeaders(headers: ReadonlyArray<[string, string]>): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
