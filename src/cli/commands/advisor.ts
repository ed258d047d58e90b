import net from 'node:net';
import type { Command } from 'commander';
import { createAdvisorContext } from '../../advisor/createAdvisorContext.js';
import { formatAdvisorTable } from '../../advisor/formatAdvisorTable.js';
import { hasCriticalFailure, runAdvisor } from '../../advisor/runAdvisor.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

interface AdvisorOptions {
  data?: string;
  json?: boolean;
  url?: string;
  httpUrl?: string;
  resolve?: string;
}

/** `gatehouse advisor [--json] [--url <public url>] [--http-url <url>] [--resolve <address>]`: checks the deployment; exit code 1 when a critical check fails. */
export function advisorCommand(program: Command): void {
  program
    .command('advisor')
    .description('check the deployment (accounts, policies, TLS, cookies, limits, keys, audit, dependencies, runtime); exit 1 when anything critical fails')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .option('--json', 'print the report as JSON')
    .option('--url <url>', 'the HTTPS URL to probe (default: GATEHOUSE_PUBLIC_URL, or this machine\'s listener)')
    .option('--http-url <url>', 'the plain-HTTP URL to probe (default: GATEHOUSE_HTTP_PORT here, port 80 of a public host)')
    .option('--resolve <address>', 'connect to this IP address instead of resolving the URL\'s host (one instance behind a load balancer)')
    .action(async (options: AdvisorOptions) => {
      if (options.url !== undefined && !isUrl(options.url, 'https:')) throw new GatehouseError('VALIDATION_ERROR', '--url must be an https:// URL');
      if (options.httpUrl !== undefined && !isUrl(options.httpUrl, 'http:')) throw new GatehouseError('VALIDATION_ERROR', '--http-url must be an http:// URL');
      if (options.resolve !== undefined && net.isIP(options.resolve) === 0) throw new GatehouseError('VALIDATION_ERROR', '--resolve must be an IP address');
      const runtime = await openRuntime(options.data);
      try {
        const report = await runAdvisor(createAdvisorContext(runtime, { url: options.url, plainHttpUrl: options.httpUrl, resolveTo: options.resolve }));
        const colour = Boolean(process.stdout.isTTY || (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')) && !process.env.NO_COLOR;
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatAdvisorTable(report, colour));
        process.exitCode = hasCriticalFailure(report) ? 1 : 0;
      } finally {
        await closeRuntime(runtime);
      }
    });
}

function isUrl(value: string, protocol: string): boolean {
  try {
    return new URL(value).protocol === protocol;
  } catch {
    return false;
  }
}
