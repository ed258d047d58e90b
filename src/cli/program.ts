import { Command } from 'commander';
import { advisorCommand } from './commands/advisor.js';
import { auditArchiveCommand } from './commands/auditArchive.js';
import { auditExportCommand } from './commands/auditExport.js';
import { auditTailCommand } from './commands/auditTail.js';
import { auditVerifyCommand } from './commands/auditVerify.js';
import { clientAddCommand } from './commands/clientAdd.js';
import { clientRotateSecretCommand } from './commands/clientRotateSecret.js';
import { confirmationVerifyCommand } from './commands/confirmationVerify.js';
import { groupAddCommand } from './commands/groupAdd.js';
import { keysRotateCommand } from './commands/keysRotate.js';
import { keysRotateSigningCommand } from './commands/keysRotateSigning.js';
import { mfaQrCommand } from './commands/mfaQr.js';
import { pentestCommand } from './commands/pentest.js';
import { pentestWindowCommand } from './commands/pentestWindow.js';
import { rootInitCommand } from './commands/rootInit.js';
import { serveCommand } from './commands/serve.js';
import { shieldCommand } from './commands/shield.js';
import { userAddCommand } from './commands/userAdd.js';

/** The `gatehouse` command line: one sub-command a file under commands/. */
export function buildProgram(): Command {
  const program = new Command('gatehouse').description('Gatehouse: the security layer of a serverless web application').showHelpAfterError();
  // A command group's own options (pentest --target …) only before its sub-command's name, which keeps the rest.
  program.enablePositionalOptions();
  serveCommand(program);
  userAddCommand(program.command('user').description('manage users'));
  groupAddCommand(program.command('group').description('manage group membership'));
  rootInitCommand(program.command('root').description('the root account'));
  mfaQrCommand(program.command('mfa').description('second factors'));
  shieldCommand(program);
  advisorCommand(program);
  const pentest = program.command('pentest').description('pen testing');
  pentestCommand(pentest);
  pentestWindowCommand(pentest);
  const keys = program.command('keys').description('manage encryption and signing keys');
  keysRotateCommand(keys);
  keysRotateSigningCommand(keys);
  const client = program.command('client').description('manage machine clients');
  clientAddCommand(client);
  clientRotateSecretCommand(client);
  const audit = program.command('audit').description('verify, export, archive and follow the audit trail');
  auditVerifyCommand(audit);
  auditExportCommand(audit);
  auditArchiveCommand(audit);
  auditTailCommand(audit);
  confirmationVerifyCommand(program.command('confirmation').description('signed confirmations of sensitive actions'));
  return program;
}
