// A ceiling for the bench, in its own process: serves the bytes of each file of a directory from
// memory at /<file name>, with a raw node:http server or a bare Express 5 app. Prints its port.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';

const [kind, dir] = process.argv.slice(2);
const pages = new Map(
  fs.readdirSync(dir).map((name) => [`/${name}`, fs.readFileSync(path.join(dir, name))]),
);
const server =
  kind === 'raw'
    ? http.createServer((req, res) => {
        const body = pages.get(req.url ?? '')!;
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': body.length,
        });
        res.end(body);
      })
    : (() => {
        const app = express();
        app.get('/:name', (req, res) => {
          res.type('html').send(pages.get(`/${req.params.name}`));
        });
        return http.createServer(app);
      })();
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
