import type { Command } from 'commander';
import { openRuntime } from '../openRuntime.js';

/** `gatehouse serve`: runs the HTTPS server until SIGINT or SIGTERM. */
export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve Gatehouse over HTTPS (GATEHOUSE_PORT, default 8443)')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { data?: string }) => {
      const runtime = await openRuntime(options.data, false);
      // Loaded here, not at the top: the other commands need none of the HTTP stack, and start faster.
      const { startServer } = await import('../../server/startServer.js');
      const server = await startServer(runtime);
      process.stdout.write(`Gatehouse is serving ${runtime.config.publicUrl} (data in ${runtime.config.dataDir})\n`);
      const stop = () => {
        server.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
