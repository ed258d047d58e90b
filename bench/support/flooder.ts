// The flooder of bench/signInFlood.ts, in a process of its own so that its event loop is not
// the legitimate client's. Started once (`node --import tsx flooder.ts`, it says 'ready'),
// then each IPC message { url, ca, path, body, connections, localAddress, durationMs } runs
// one flood and answers the count of each status (0: the connection was closed).
import { Client } from 'undici';

interface FloodCommand {
  url: string;
  ca: string;
  path: string;
  body: string;
  connections: number;
  localAddress: string;
  durationMs: number;
}

process.on('message', async (command: FloodCommand) => {
  const statuses: Record<number, number> = {};
  const clients = Array.from({ length: command.connections }, () => new Client(command.url, { connect: { ca: command.ca }, localAddress: command.localAddress, pipelining: 1 }));
  const end = performance.now() + command.durationMs;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < end) {
        let status = 0;
        try {
          const answer = await client.request({ method: 'POST', path: command.path, headers: { 'content-type': 'application/json' }, body: command.body });
          await answer.body.text();
          status = answer.statusCode;
        } catch {
          // Closed by the server (a blocked address is refused at accept): try again at once, as a flooder does.
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  process.send!(statuses);
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');
