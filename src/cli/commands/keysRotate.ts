import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { operatorTransact } from '../../audit/operatorTransact.js';
import { loadConfig } from '../../config/loadConfig.js';
import { loadMasterKeys, masterKeyFile, newMasterKeyText, retiredKeysDir, writeKeyFile } from '../../crypto/keyring/masterKeys.js';
import { rewrapSealedValues } from '../../crypto/keyring/rewrapSealedValues.js';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { closeRuntime } from '../../runtime/closeRuntime.js';
import { openRuntime } from '../openRuntime.js';

/**
 * `gatehouse keys rotate`: a new master key, and every data key re-wrapped under it while
 * instances keep serving. With the key file, the old key moves to keys/master-retired/ so
 * that instances still holding it (and values they wrap meanwhile) keep working; a running
 * instance picks the new key up the first time it meets a value wrapped under it.
 * With GATEHOUSE_MASTER_KEY, the operator puts the new key first in the list on every
 * instance, then runs this to re-wrap; afterwards the old key can leave the list.
 */
export function keysRotateCommand(keys: Command): void {
  keys
    .command('rotate')
    .description('replace the master key and re-wrap every data key under the new one, without downtime')
    .option('--data <dir>', 'data folder (default GATEHOUSE_DATA_DIR or ./data)')
    .action(async (options: { data?: string }) => {
      const config = loadConfig(process.env, options.data ? { dataDir: options.data } : {});
      const before = loadMasterKeys(config.dataDir, config.masterKey);
      if (before.source === 'env') {
        if (before.all.size < 2) {
          throw new GatehouseError(
            'CONFIG_INVALID',
            'GATEHOUSE_MASTER_KEY holds one key: put a new key first (new,old) on every instance, then run keys rotate again',
          );
        }
      } else {
        // Retire first, replace second: a crash in between leaves the old key in both places, never in none.
        writeKeyFile(path.join(retiredKeysDir(config.dataDir), `${before.current.id}.key`), fs.readFileSync(masterKeyFile(config.dataDir), 'utf8'), false);
        writeKeyFile(masterKeyFile(config.dataDir), newMasterKeyText(), true);
      }
      const runtime = await openRuntime(options.data);
      try {
        const report = await rewrapSealedValues(runtime.db, runtime.keyring);
        const newKeyId = runtime.keyring.currentKeyId;
        await operatorTransact(runtime.db, runtime.clock, 'RotateMasterKey', {})(async () => ({ previousKeyId: before.current.id, newKeyId, ...report }));
        process.stdout.write(`master key ${newKeyId} now wraps every data key (${report.rewrapped} re-wrapped, ${report.current} already under it)\n`);
        if (before.source === 'env') process.stdout.write('every instance may now drop the old keys from GATEHOUSE_MASTER_KEY\n');
      } finally {
        await closeRuntime(runtime);
      }
    });
}
