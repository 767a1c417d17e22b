import type { RequestHandler } from 'express';
import multer from 'multer';
import type { Config } from '../../config';

const messages: Record<string, (limits: Config['uploads']) => string> = {
  LIMIT_FILE_SIZE: (l) =>
    `Un fichier dépasse la taille maximale de ${Math.round(l.maxFileBytes / 1048576)} Mo : réduisez-le ou choisissez-en un autre`,
  LIMIT_FILE_COUNT: (l) => `Vous pouvez joindre au plus ${l.maxFiles} fichiers`,
  LIMIT_UNEXPECTED_FILE: () => 'Ce formulaire n’accepte pas de fichier à cet endroit',
};

declare module 'express-serve-static-core' {
  interface Request {
    /** French message when multer rejected the upload (the rest of the form is still handled). */
    uploadError?: string;
  }
}

/**
 * multer in memory for one file field, with the configured limits. A rejected upload does not
 * end the request with an error page: `req.uploadError` lets the page re-render with everything
 * the person typed. (The file input comes last in the form so the other fields are already read.)
 */
export function uploadFiles(field: string, limits: Config['uploads']): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles,
      fields: 400,
      fieldSize: 100 * 1024,
      parts: 400 + limits.maxFiles,
    },
  }).array(field, limits.maxFiles);
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err instanceof multer.MulterError) {
        req.uploadError =
          messages[err.code]?.(limits) ?? 'Le formulaire envoyé est trop volumineux';
        req.body ??= {};
        req.files = [];
        return next();
      }
      next(err);
    });
  };
}
