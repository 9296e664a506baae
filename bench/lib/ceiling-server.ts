// The ceiling: a plain Node http server that answers every request with the same bytes.
// Run as a child process, like Podium, so both compete with the load generator alike.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, contentType = 'text/html; charset=utf-8', port = '0', encoding = ''] =
  process.argv.slice(2);
if (!file) throw new Error('usage: ceiling-server <body-file> <content-type> <port>');
const body = readFileSync(file);

createServer((request, response) => {
  if (request.url === '/readyz') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    return;
  }
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    ...(encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {}),
  });
  response.end(body);
}).listen(Number(port), '127.0.0.1');
