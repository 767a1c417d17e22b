import pino from 'pino';

export type Logger = pino.Logger;

/** Where a logger writes its lines (the access log writes its own there). */
export function streamOf(logger: Logger): { write(line: string): unknown } {
  return (logger as unknown as Record<symbol, { write(line: string): unknown }>)[
    pino.symbols.streamSym
  ];
}

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
 * An error as logged: its type, message, code and stack, nothing else. A driver's error carries
 * the documents it was about (a refused insert's `writeErrors[].op`, a duplicate's `keyValue`,
 * e-mails and token hashes among them), and a duplicate key's message names the values too.
 */
function loggedError(err: unknown) {
  const std = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!std || typeof std !== 'object') return std;
  const hideValues = (text: unknown) =>
    typeof text === 'string'
      ? text.replace(/dup key: \{[^\n]*?\}(?=\s|$)/g, 'dup key: { … }')
      : text;
  return {
    type: std.type,
    message: hideValues(std.message),
    ...(std.code !== undefined && { code: std.code }),
    ...(std.codeName !== undefined && { codeName: std.codeName }),
    stack: hideValues(std.stack),
  };
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
    serializers: { err: loggedError },
  };
  return pino(options, destination ?? (buffered ? bufferedStdout() : pino.destination(1)));
}
