// The yardstick: a bare Koa server answering a small JSON body. Benchmarks report baas as a
// ratio of this, measured in the same run on the same machine.
import Koa from 'koa';
import { serveYardstick } from './serve-yardstick.js';

const app = new Koa();
app.use((ctx) => {
  ctx.body = { status: 'ok' };
});
serveYardstick(app);
