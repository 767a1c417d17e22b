import pino from 'pino';

export type Logger = pino.Logger;

/** Buffered lines are written at least this often, however quiet the server is. */
const flushEveryMs = 1000;

/**
 * Stdout, written in 4 KB chunks by pino's asynchronous destination instead of one blocking
 * write per line (the access log's line was the costliest part of serving a cached page). pino
 * writes what is left synchronously when the process exits, crash included.
 */
function bufferedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  // A callback, so a flush after the exit handler closed the stream reports instead of throwing.
  setInterval(() => stream.flush(() => undefined), flushEveryMs).unref();
  return stream;
}

/**
 * Structured JSON logs (pino) on stdout — buffered when `buffered` (production) — or on
 * `destination` (tests read it). One logger per process; request loggers are its children.
 */
export function createLogger(
  level: pino.LevelWithSilent = 'info',
  destination?: pino.DestinationStream,
  { buffered = false } = {},
): Logger {
  const options = {
    level,
    base: undefined,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  };
  return pino(options, destination ?? (buffered ? bufferedStdout() : pino.destination(1)));
}
