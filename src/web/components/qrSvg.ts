import QRCode from 'qrcode';
import { GatehouseError } from '../../errors/GatehouseError.js';

/**
 * An `otpauth://` URI drawn as QR code SVG by the `qrcode` library; a URI it cannot draw
 * (too long for a QR code) is the request's fault, a 400, never a 500.
 */
export async function qrSvg(uri: string): Promise<string> {
  try {
    return await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  } catch {
    throw new GatehouseError('VALIDATION_ERROR', 'otpauthUri: cannot be drawn as a QR code');
  }
}
