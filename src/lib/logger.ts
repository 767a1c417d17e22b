import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs (pino). One logger per process; request loggers are its children. */
export function createLogger(level: pino.LevelWithSilent = 'info'): Logger {
  return pino({
    level,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  });
}
