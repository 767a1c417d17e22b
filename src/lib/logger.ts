import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs (pino) on stdout, or on `destination` (tests read it). One logger per
 * process; request loggers are its children.
 */
export function createLogger(
  level: pino.LevelWithSilent = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  };
  return destination ? pino(options, destination) : pino(options);
}
