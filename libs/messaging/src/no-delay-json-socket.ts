import type { Socket } from 'node:net';
import { JsonSocket } from '@nestjs/microservices';

/**
 * NestJS's TCP framing with Nagle's algorithm off. With it on, a second request or reply written
 * while the first is unacknowledged waits for the peer's delayed ACK (about 40 ms on Linux), and
 * concurrent commands on one connection run one after the other. Both ends should use it.
 */
export class NoDelayJsonSocket extends JsonSocket {
  constructor(socket: Socket) {
    super(socket);
    socket.setNoDelay(true);
  }
}
