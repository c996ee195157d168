#!/usr/bin/env node
// A tiny static file server for the built site (Node's standard library only).
//
// - Listens on 127.0.0.1 only; port 0 = a random free port.
// - Serves a directory (dist/) under a path prefix, by default the sub-path
//   /blog/moving-parts/, so tests prove the site works away from the root.
// - Sends the strict Content-Security-Policy below on every response.
// - serveArticle(): a second server (another port = another origin) with an
//   article page that iframes an embed URL, sizes the iframe from the
//   `moving-parts:height` postMessage and records every message it gets.
//
// Command line (used by scripts/serve.sh):
//   node serve.mjs [--root DIR] [--port N] [--prefix /sub/path/] [--no-csp] [--article]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; frame-ancestors *";

export const DEFAULT_PREFIX = '/blog/moving-parts/';
const HOSTS = new Set(['127.0.0.1']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function listen(server, host, port) {
  if (!HOSTS.has(host)) throw new Error(`refusing to listen on ${host}: 127.0.0.1 only`);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function closer(server) {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
}

/**
 * Serves `root` under `prefix`. Resolves to { origin, url, port, close }, where
 * url = origin + prefix (the site's home page).
 */
export async function serveDist({
  root,
  prefix = DEFAULT_PREFIX,
  port = 0,
  host = '127.0.0.1',
  csp = CSP,
  log = false,
} = {}) {
  root = path.resolve(root);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: build the site first (scripts/build.sh)`);
  }
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const server = http.createServer((req, res) => {
    const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (csp) headers['Content-Security-Policy'] = csp;
    const send = (status, body, extra = {}) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (log) console.log(`${req.method} ${req.url}`);
    if (pathname + '/' === prefix) return send(301, 'moved\n', { Location: prefix + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '') });
    if (!pathname.startsWith(prefix)) return send(404, 'not found\n');
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(404, 'not found\n');
    fs.stat(file, (err, st) => {
      if (err) return send(404, 'not found\n');
      if (st.isDirectory()) return send(301, 'moved\n', { Location: prefix + rel + '/' });
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': st.size });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });
  const actual = await listen(server, host, port);
  const origin = `http://${host}:${actual}`;
  return { origin, url: origin + prefix, port: actual, prefix, close: closer(server) };
}

const ARTICLE_JS = `// Records Moving Parts' height messages and sizes the iframe like the embed snippet does.
window.__mpMessages = [];
window.addEventListener('message', (event) => {
  const frame = document.getElementById('mp-embed');
  if (!frame || event.source !== frame.contentWindow) return;
  window.__mpMessages.push({ origin: event.origin, data: event.data });
  const d = event.data;
  if (d && d.type === 'moving-parts:height' && typeof d.height === 'number' && d.height > 0) {
    frame.style.height = Math.ceil(d.height) + 'px';
  }
});
`;

function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * A page of "another site" that embeds `embedUrl` in an iframe. Resolves to
 * { origin, url, port, close }. `width` is the iframe's CSS width.
 */
export async function serveArticle({ embedUrl, width = '640', port = 0, host = '127.0.0.1' } = {}) {
  const page = (src, w) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An article with an embedded figure</title>
<link rel="stylesheet" href="article.css"><script src="article.js"></script></head>
<body><article>
<h1>An article</h1>
<p>Some text before the figure.</p>
<iframe id="mp-embed" src="${escapeAttr(src)}" title="Moving Parts figure" width="${escapeAttr(w)}" height="150"></iframe>
<p>Some text after the figure.</p>
</article></body></html>
`;
  const css = `body{margin:0;font:16px/1.5 sans-serif}article{margin:0 auto;padding:8px;max-width:1000px}
#mp-embed{display:block;border:0;height:150px;max-width:100%}\n`;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/article.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      return res.end(ARTICLE_JS);
    }
    if (u.pathname === '/article.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
      return res.end(css);
    }
    if (u.pathname === '/' || u.pathname === '/article.html') {
      const src = u.searchParams.get('src') || embedUrl;
      const w = u.searchParams.get('width') || width;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(page(src, w.endsWith('%') ? w : String(parseInt(w, 10) || 640)));
    }
    if (u.pathname === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  });
  const actual = await listen(server, host, port);
  const origin = `http://${host}:${actual}`;
  return { origin, url: origin + '/article.html', port: actual, close: closer(server) };
}

// ---- command line --------------------------------------------------------------
const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = opt('--root', path.resolve(here, '../../dist'));
  const port = Number(opt('--port', process.env.PORT || 8080));
  const prefix = opt('--prefix', '/');
  const site = await serveDist({ root, port, prefix, csp: args.includes('--no-csp') ? null : CSP, log: args.includes('--log') });
  console.log(`Moving Parts (${root}) at ${site.url}  (strict CSP ${args.includes('--no-csp') ? 'off' : 'on'}; Ctrl-C stops)`);
  if (args.includes('--article')) {
    const art = await serveArticle({ embedUrl: site.url + '?scene=hash-ring&embed=1' });
    console.log(`Article embedding it (another origin): ${art.url}`);
  }
  const stop = () => process.exit(0);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
