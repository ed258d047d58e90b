#!/usr/bin/env node
import { isGatehouseError } from '../errors/GatehouseError.js';
import { buildProgram } from './program.js';

// One line on stderr and exit 1 for a refusal (bad configuration, unknown group, …); a stack only for a bug.
buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(isGatehouseError(error) ? `gatehouse: ${error.message}\n` : `gatehouse: ${String((error as Error)?.stack ?? error)}\n`);
    process.exitCode = 1;
  });
