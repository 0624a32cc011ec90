import { strict as assert } from 'node:assert';
import type { NeurorackError } from '../../../core/errors/neurorack-error';
import { LIVE_CLOSE_BUFFERED_BYTES, LIVE_MAX_BUFFERED_BYTES, LiveClient } from '../../../core/web/live-client';

/** A socket whose unsent bytes the test sets, as a client that stops reading leaves them growing. */
function fakeSocket() {
  return {
    OPEN: 1, readyState: 1, bufferedAmount: 0, sent: [] as Array<string | Buffer>, terminated: false,
    send(data: string | Buffer) {
      this.sent.push(data);
    },
    terminate() {
      this.terminated = true;
      this.readyState = 3;
    },
  };
}

describe('LiveClient (one websocket client\'s outbox)', () => {
  it('drops frames while too much waits unsent, reports it once naming the client, and again when it reads', () => {
    const socket = fakeSocket();
    const reports: NeurorackError[] = [];
    const client = new LiveClient(7, '10.0.0.9:51234 (Firefox)', socket, (e) => reports.push(e));
    const frame = Buffer.alloc(1000);
    assert.equal(client.offer('screen', frame), true);
    socket.bufferedAmount = LIVE_MAX_BUFFERED_BYTES + 1;
    for (let i = 0; i < 50; i++) {
      assert.equal(client.offer('audio', frame), false);
      client.offer('state', '{"type":"state"}');
    }
    assert.equal(socket.sent.length, 1, 'nothing more was queued');
    assert.deepEqual(client.dropped, { screen: 0, audio: 50, state: 50, reply: 0 });
    assert.equal(reports.length, 1, 'one report for the episode');
    assert.equal(reports[0]!.code, 'NR_WEB_CLIENT_SLOW');
    assert.match(reports[0]!.message, /10\.0\.0\.9:51234 \(Firefox\)/);
    socket.bufferedAmount = 0;
    assert.equal(client.offer('screen', frame), true);
    assert.equal(reports.length, 2);
    assert.match(reports[1]!.message, /reads again .* 100 messages were dropped/);
    assert.equal(client.reportNow().dropped.audio, 50);
  });

  it('still answers the client\'s own messages when slow, but closes a client that keeps sending and never reads', () => {
    const socket = fakeSocket();
    const reports: NeurorackError[] = [];
    const client = new LiveClient(1, '127.0.0.1:4000', socket, (e) => reports.push(e));
    socket.bufferedAmount = LIVE_MAX_BUFFERED_BYTES + 10;
    client.reply({ type: 'ack', id: 1 });
    assert.equal(socket.sent.length, 1, 'a reply is not dropped');
    socket.bufferedAmount = LIVE_CLOSE_BUFFERED_BYTES + 1;
    client.reply({ type: 'ack', id: 2 });
    assert.equal(socket.terminated, true);
    assert.equal(reports.at(-1)!.code, 'NR_WEB_CLIENT_CLOSED');
    assert.match(reports.at(-1)!.message, /127\.0\.0\.1:4000/);
    const queued = socket.sent.length;
    client.reply({ type: 'ack', id: 3 });
    assert.equal(client.offer('screen', Buffer.alloc(10)), false);
    assert.equal(socket.sent.length, queued, 'nothing is queued on a closed client');
  });
});
