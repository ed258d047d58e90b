import type { Command } from 'commander';
import { GatehouseError } from '../../errors/GatehouseError.js';
import { readStdin } from '../readStdin.js';

/**
 * `gatehouse mfa qr`: prints the `otpauth://` URI read from standard input as a QR code in the
 * terminal, for an authenticator app to scan. Read from stdin, never argv: the URI holds the seed.
 */
export function mfaQrCommand(mfa: Command): void {
  mfa
    .command('qr')
    .description('print the otpauth:// URI read from standard input as a QR code in the terminal')
    .action(async () => {
      const uri = (await readStdin()).trim();
      if (!/^otpauth:\/\/(totp|hotp)\//.test(uri)) throw new GatehouseError('VALIDATION_ERROR', 'standard input must be an otpauth:// URI');
      // Loaded here, not at start: every other command starts without it.
      const { default: QRCode } = await import('qrcode');
      process.stdout.write(await QRCode.toString(uri, { type: 'terminal', small: true }));
    });
}
