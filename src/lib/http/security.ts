import helmet from 'helmet';

/**
 * helmet with a strict Content-Security-Policy: every script and stylesheet is served from
 * public/, no inline script or style (not even a style attribute), no third-party origin.
 */
export function securityHeaders(isProduction: boolean) {
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
