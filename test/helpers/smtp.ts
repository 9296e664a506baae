// A real SMTP server in the test process (the smtp-server package): mail is sent over a
// real SMTP conversation and the test reads what arrived.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** While set, every message is refused with this SMTP code (e.g. 451 to simulate an outage). */
  refuseWith: number | undefined;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves once no SMTP connection is open: every mail on its way has arrived. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const state: { refuseWith: number | undefined } = { refuseWith: undefined };
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onClose() {
      connections--;
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (state.refuseWith) {
          const err = new Error('Temporarily refused by the test') as Error & {
            responseCode: number;
          };
          err.responseCode = state.refuseWith;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    get refuseWith() {
      return state.refuseWith;
    },
    set refuseWith(code) {
      state.refuseWith = code;
    },
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < count && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      if (mails.length < count) throw new Error(`expected ${count} mails, got ${mails.length}`);
      return mails;
    },
    async idle(timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (connections > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      if (connections > 0) throw new Error(`${connections} SMTP connections still open`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
