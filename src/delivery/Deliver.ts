/** A message for a person, by e-mail or SMS. `code` is set when it carries a one-time code. */
export interface Message {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
  code?: string;
}

/** Sends a message through whatever provider is configured. */
export type Deliver = (message: Message) => Promise<void>;
