// Preloaded with --import by tests: at exit, writes the npm packages this process loaded, by
// CommonJS require or by ESM import, one per line, to BAAS_TEST_LOADED_OUT.
import { createRequire, register } from 'node:module';
import { writeFileSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const imported = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => imported.add(url));
port1.unref();
// Module hooks run on their own thread: each resolved URL is posted back here.
const hooks = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const resolved = await next(specifier, context); port.postMessage(resolved.url); return resolved; }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });

process.on('exit', () => {
  const packages = new Set();
  for (const file of [...Object.keys(require.cache), ...imported]) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) packages.add(match[1].replace('\\', '/'));
  }
  writeFileSync(process.env.BAAS_TEST_LOADED_OUT, [...packages].sort().join('\n'));
});
