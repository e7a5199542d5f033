/** The Mercado Pago simulator in a process of its own, as Mercado Pago is to a real server. */
import { startMercadoPagoSimulator } from '../../src/simulators/mercadopago/index.js';

const simulator = await startMercadoPagoSimulator(0);
console.log(JSON.stringify({ event: 'ready', url: simulator.url }));
process.on('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
