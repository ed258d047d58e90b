import { Command } from 'commander';
import { groupAddCommand } from './commands/groupAdd.js';
import { keysRotateCommand } from './commands/keysRotate.js';
import { serveCommand } from './commands/serve.js';
import { userAddCommand } from './commands/userAdd.js';

/** The `gatehouse` command line: one sub-command a file under commands/. */
export function buildProgram(): Command {
  const program = new Command('gatehouse').description('Gatehouse: the security layer of a serverless web application').showHelpAfterError();
  serveCommand(program);
  userAddCommand(program.command('user').description('manage users'));
  groupAddCommand(program.command('group').description('manage group membership'));
  keysRotateCommand(program.command('keys').description('manage encryption keys'));
  return program;
}
