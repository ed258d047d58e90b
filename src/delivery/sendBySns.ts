import { PublishCommand, SNSClient, type SNSClientConfig } from '@aws-sdk/client-sns';
import type { Deliver } from './Deliver.js';

/**
 * SMS through Amazon SNS (`Publish` to a phone number), as transactional messages so that
 * carriers deliver codes first. Region and credentials follow the AWS SDK's usual chain
 * (AWS_REGION, AWS_ACCESS_KEY_ID…, the Lambda role); `endpoint` points at another SNS-compatible service.
 */
export function sendBySns(options: Pick<SNSClientConfig, 'endpoint' | 'region' | 'credentials'> = {}): Deliver {
  const client = new SNSClient({ ...options, maxAttempts: 3 });
  return async (message) => {
    await client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
  };
}
