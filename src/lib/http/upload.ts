import type { Request, RequestHandler } from 'express';
import multer, { type StorageEngine } from 'multer';
import type { Config } from '../config';
import { AppError } from '../errors';

const messages: Record<string, (limits: Config['uploads']) => string> = {
  LIMIT_FILE_SIZE: (l) =>
    `Un fichier dépasse la taille maximale de ${Math.round(l.maxFileBytes / 1048576)} Mo : réduisez-le ou choisissez-en un autre`,
  LIMIT_FILE_COUNT: (l) => `Vous pouvez joindre au plus ${l.maxFiles} fichiers`,
  LIMIT_UNEXPECTED_FILE: () => 'Ce formulaire n’accepte pas de fichier à cet endroit',
};

declare module 'express-serve-static-core' {
  interface Request {
    /** French message when an upload limit was passed (the rest of the form is still handled). */
    uploadError?: string;
  }
}

/** Judged on the header alone: an empty multipart body is still a (malformed) multipart form. */
export const isMultipart = (req: Request) =>
  /^multipart\//i.test(req.headers['content-type'] ?? '');
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;

/** A body the app cannot read as a form: French 400, never a 500 with a parser's stack. */
const malformed = () =>
  new AppError(
    400,
    'Le formulaire envoyé est incomplet ou mal formé : rechargez la page et réessayez.',
  );

/** Errors of the storage engine that are about the request, not the server (see upload-storage). */
const isLimit = (err: unknown): err is Error & { code: string } =>
  err instanceof multer.MulterError ||
  (err as { code?: unknown } | undefined)?.code === 'UPLOAD_LIMIT';

/**
 * multer for one file field with the configured limits, streaming into `storage`. A limit passed
 * does not end the request with an error page: `req.uploadError` lets the page re-render with
 * everything typed (the file input comes last in the form, so the other fields are already read).
 * Names are read as UTF-8. Whatever else busboy cannot parse (no or wrong boundary, truncated or
 * empty body, a compressed body) is a French 400.
 */
export function uploadFiles(
  field: string,
  limits: Config['uploads'],
  storage: StorageEngine & { settled?(req: Request): Promise<void> },
): RequestHandler {
  const parse = multer({
    storage,
    defParamCharset: 'utf8',
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles,
      fields: 400,
      fieldSize: 100 * 1024,
      parts: 400 + limits.maxFiles,
    },
  }).array(field, limits.maxFiles);
  return (req, res, next) => {
    if (!isMultipart(req)) return next();
    const encoding = req.headers['content-encoding'];
    if (!hasBody(req) || (encoding && encoding !== 'identity')) return next(malformed());
    parse(req, res, async (err?: unknown) => {
      await storage.settled?.(req);
      if (!err) return next();
      if (isLimit(err) && messages[err.code] !== undefined) {
        req.uploadError = messages[err.code](limits);
      } else if (isLimit(err) && err.code === 'UPLOAD_LIMIT') {
        req.uploadError = err.message;
      } else if (isLimit(err) || isParseError(err)) {
        return next(malformed());
      } else {
        return next(err);
      }
      req.body ??= {};
      req.files = [];
      next();
    });
  };
}

/**
 * busboy's own errors (stable messages: "Malformed part header", "Unexpected end of form"…),
 * a request cut short, or a file stream that stopped before its end (upload-storage).
 */
const parseErrors =
  /^(Multipart: |Malformed |Unexpected end of (form|file)|Unsupported content type|Missing Content-Type|Request (aborted|closed)|envoi interrompu)/;
const isParseError = (err: unknown) => err instanceof Error && parseErrors.test(err.message);
