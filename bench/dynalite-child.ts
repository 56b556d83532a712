/**
 * dynalite in a process of its own, so that the emulator and the benchmark's SDK client each get a
 * core instead of sharing one event loop. Protocol: { path } → { endpoint }; { close: true } → exits.
 */
import { startDynalite, type RunningDynamo } from '../shared/local/emulators';

let running: RunningDynamo | undefined;

process.on('message', async (msg: { path?: string; close?: boolean }) => {
  if (msg.close) {
    await running?.close();
    process.exit(0);
  }
  running = await startDynalite({ port: 0, path: msg.path });
  process.send!({ endpoint: running.endpoint });
});
