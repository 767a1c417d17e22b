import { Router } from 'express';
import mongoose from 'mongoose';

/** Liveness and readiness probes (load balancers, Docker HEALTHCHECK). No session, no cookie. */
export function healthRoutes(): Router {
  const router = Router();

  // GET /healthz — the process is alive.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // GET /readyz — the database answers ping within two seconds.
  router.get('/readyz', async (_req, res) => {
    const ok = await pingDatabase(2000);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'indisponible', database: ok });
  });

  return router;
}

async function pingDatabase(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db
    .admin()
    .ping()
    .then(() => true)
    .catch(() => false);
  const ok = await Promise.race([ping, timeout]);
  clearTimeout(timer);
  return ok;
}
