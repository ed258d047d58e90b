import path from 'node:path';
import { masterKeyFile } from '../../crypto/keyring/masterKeys.js';
import type { AdvisorCheck } from '../AdvisorCheck.js';

/** Encryption at rest protects nothing when one copy of the data folder (a backup, a stolen disk) holds both key and ciphertext. */
export const masterKeyBesideDatabase: AdvisorCheck = {
  id: 'master-key-location',
  severity: 'high',
  title: 'Master key stored beside the database',
  fix: 'Move the key out of the data folder: set GATEHOUSE_MASTER_KEY from a secret store (AWS Secrets Manager, a KMS-decrypted file, …) on every instance, then delete data/keys/master.key from the folder and its backups.',
  async run({ config }) {
    if (config.masterKey) return { status: 'pass', finding: 'The master key comes from GATEHOUSE_MASTER_KEY, not from the data folder.' };
    const keyFile = masterKeyFile(config.dataDir);
    if (!config.databaseUrl.startsWith('sqlite:')) return { status: 'pass', finding: `The master key is in ${keyFile}, the database is on a server elsewhere.` };
    const databaseFile = path.resolve(config.databaseUrl.slice('sqlite:'.length));
    const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');
    if (inside(config.dataDir, databaseFile)) return { status: 'fail', finding: `The master key ${keyFile} and the database ${databaseFile} are in the same data folder: one copy of it opens everything sealed.` };
    return { status: 'pass', finding: `The master key ${keyFile} and the database ${databaseFile} are in different folders.` };
  },
};
